package io.headwater.engine.lineage.openlineage;

import io.headwater.engine.integrity.FindingCounts;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.lineage.openlineage.LineageEvent.EventType;
import io.headwater.engine.model.Flow;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The run events of one verification of a flow, on the flow's job (see {@link PipelineExport#job}):
 * a START event when it begins; when it ends a COMPLETE event whose output carries the
 * {@code dataQualityAssertions} facet ({@code missing = 0}, {@code extra = 0}, {@code mismatched = 0},
 * each with whether it held) and the {@code dataQualityMetrics} facet (the derived store's row count),
 * and whose input carries the source's row count; or a FAIL event with an {@code errorMessage} facet
 * when the verification itself could not run. Findings make assertions fail, not the run.
 * Thread-safe.
 */
public final class VerificationEvents {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PipelineExport export;

    public VerificationEvents(PipelineExport export) {
        this.export = export;
    }

    /** A new run id: a UUID version 7 (time-ordered), as the specification recommends. */
    public static UUID newRunId(Instant now) {
        long millis = now.toEpochMilli();
        long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** The START event of a verification run. */
    public LineageEvent.Run start(Flow flow, UUID runId, Instant at) {
        return new LineageEvent.Run(EventType.START, at, runId, List.of(), export.job(flow), List.of(export.named(flow.from())),
                List.of(export.named(flow.to())));
    }

    /** The COMPLETE event of a verification that ran, with its assertions and row counts. */
    public LineageEvent.Run complete(Flow flow, UUID runId, Instant at, VerificationResult result) {
        LineageEvent.Dataset source = export.named(flow.from());
        LineageEvent.Dataset target = export.named(flow.to());
        FindingCounts counts = result.counts();
        List<Facet.Assertion> assertions = List.of(
                new Facet.Assertion("missing = 0", counts.missing() == 0, null),
                new Facet.Assertion("extra = 0", counts.extra() == 0, null),
                new Facet.Assertion("mismatched = 0", counts.mismatched() == 0, null));
        LineageEvent.Dataset input = new LineageEvent.Dataset(source.namespace(), source.name(), List.of(),
                List.of(new Facet.DataQualityMetrics(result.sourceCount(), true)));
        LineageEvent.Dataset output = new LineageEvent.Dataset(target.namespace(), target.name(),
                List.of(new Facet.DataQualityAssertions(assertions), new Facet.DataQualityMetrics(result.targetCount(), false)), List.of());
        return new LineageEvent.Run(EventType.COMPLETE, at, runId, List.of(), export.job(flow), List.of(input), List.of(output));
    }

    /** The FAIL event of a verification that could not run. */
    public LineageEvent.Run fail(Flow flow, UUID runId, Instant at, String message) {
        return new LineageEvent.Run(EventType.FAIL, at, runId, List.of(new Facet.ErrorMessage(message == null ? "(no message)" : message, "JAVA")),
                export.job(flow), List.of(export.named(flow.from())), List.of(export.named(flow.to())));
    }
}
