package io.headwater.app.cli;

import io.headwater.app.runtime.ChangeLogSource;
import io.headwater.app.runtime.LivePipeline;
import io.headwater.app.runtime.RebuildRunner;
import io.headwater.engine.integrity.Finding;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.rebuild.ShadowReplay;
import io.headwater.engine.spi.Cancellation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code headwater rebuild}: replays a derived store's log into a shadow, verifies it against the
 * system of record and swaps it in only when clean. Killed at any moment, the next run resumes.
 */
@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = "Rebuild a derived store from its log into a shadow, verify it, and swap it in only when clean.")
public final class RebuildCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--dataset", required = true, paramLabel = "SYSTEM.DATASET", description = "The derived dataset to rebuild, e.g. search.customers.")
    String dataset;

    @Option(names = "--max-rate", defaultValue = "0", paramLabel = "N", description = "Replay at most N events per second (default: as fast as possible).")
    double maxRate;

    @Option(names = "--as-of", paramLabel = "TIME", description = "Do not rebuild: materialise the dataset as of this instant (ISO, e.g. 2026-11-25T10:00:00Z), read-only.")
    String asOf;

    @Option(names = "--to-offset", paramLabel = "N", description = "Do not rebuild: materialise the dataset from the first N log records, read-only.")
    Long toOffset;

    @Option(names = "--dry-run", description = "Do not rebuild: list the log events the current mapping cannot read, by offset.")
    boolean dryRun;

    @Option(names = "--show", defaultValue = "20", paramLabel = "N", description = "Records listed by --as-of/--to-offset (default ${DEFAULT-VALUE}).")
    int show;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Pipeline pipeline = PipelineOptions.load(common);
        DatasetRef ref = DatasetRef.parse(dataset);
        if (ref == null || pipeline.flowsInto(ref).stream().noneMatch(f -> f.kind() == FlowKind.CONSUME)) {
            throw new ParameterException(spec.commandLine(), "--dataset '" + dataset + "' is not a derived dataset fed from a log; datasets: "
                    + pipeline.flows().stream().filter(f -> f.kind() == FlowKind.CONSUME).map(f -> f.to().toString()).toList());
        }
        if (asOf != null && toOffset != null) {
            throw new ParameterException(spec.commandLine(), "give --as-of or --to-offset, not both");
        }
        io.headwater.engine.replay.AsOf point = null;
        if (toOffset != null) {
            point = io.headwater.engine.replay.AsOf.offset(toOffset);
        } else if (asOf != null) {
            try {
                point = io.headwater.engine.replay.AsOf.instant(java.time.Instant.parse(asOf));
            } catch (java.time.format.DateTimeParseException e) {
                throw new ParameterException(spec.commandLine(), "--as-of '" + asOf + "' is not an instant: use e.g. 2026-11-25T10:00:00Z");
            }
        }
        io.headwater.engine.replay.AsOf at = point;
        return OnPipeline.run(spec, pipeline, "headwater rebuild", rt -> { },
                rt -> dryRun ? dryRun(rt, ref) : at != null ? materialise(rt, ref, at) : rebuild(rt, ref));
    }

    private int rebuild(LivePipeline rt, DatasetRef ref) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Finding> findings = new ArrayList<>();
        RebuildRunner.Outcome o = new RebuildRunner(rt, VerifyOptions.defaults().withMaxKeysListed(20), maxRate).rebuild(ref, new Cancellation(),
                new ProgressPrinter(err, "replay " + ref), new ProgressPrinter(err, "verify shadow of " + ref), findings::add);
        ShadowReplay.Outcome r = o.replay();
        VerificationResult v = o.verification();
        if (common.json) {
            out.println(StatusJson.MAPPER.createObjectNode().put("dataset", ref.toString()).put("resumed", o.resumed())
                    .put("from", r.from().encode()).put("through", r.through().encode()).put("recordsRead", r.recordsRead())
                    .put("eventsApplied", r.eventsApplied()).put("seconds", r.elapsed().toMillis() / 1000.0)
                    .put("eventsPerSecond", Math.round(r.eventsPerSecond())).put("swapped", o.swapped()).put("swapStep", o.swapStep())
                    .set("verification", VerificationJson.result(ref.toString(), v, v.findings())).toPrettyString());
        } else {
            out.printf("rebuild of %s: %s%n", ref, o.resumed() ? "resumed an interrupted shadow at " + describe(r.from()) : "new shadow");
            out.printf("  replayed %,d log records (%,d changes applied) through %s in %.2f s, %,.0f events/s%n", r.recordsRead(),
                    r.eventsApplied(), describe(r.through()), r.elapsed().toMillis() / 1000.0, r.eventsPerSecond());
            out.printf("  shadow verified against %s: %,d compared, missing %,d, extra %,d, mismatched %,d, in flight %,d%n", v.source(),
                    v.compared(), v.counts().missing(), v.counts().extra(), v.counts().mismatched(), v.counts().inFlight());
            out.println(o.swapped() ? "  swapped in: the rebuilt store is live (" + o.swapStep() + ")"
                    : "  NOT swapped: the live store stays; the shadow was dropped");
            v.corruptFindings().stream().limit(20).forEach(f -> out.printf("    %s %s %s%n", f.type().name().toLowerCase(java.util.Locale.ROOT),
                    f.key().asMap(), f.differingFields()));
        }
        return o.swapped() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    private int dryRun(LivePipeline rt, DatasetRef ref) {
        PrintWriter out = spec.commandLine().getOut();
        io.headwater.engine.model.Flow flow = rt.consumer(ref).orElseThrow().flow();
        io.headwater.engine.rebuild.MappingDryRun.Report r = new io.headwater.engine.rebuild.MappingDryRun(flow,
                rt.pipeline().requireDataset(flow.from()), rt.eventLogOf(flow.from()), rt.decoder()).run(new Cancellation());
        out.printf("dry run of %s (flow %s): %,d log records, %,d changes, %,d the current mapping cannot read%n", ref, flow.id(),
                r.recordsRead(), r.changes(), r.unreadable().size());
        r.unreadable().forEach(u -> out.printf("  %s  %s%n", u.position(), u.problem()));
        return r.unreadable().isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    private int materialise(LivePipeline rt, DatasetRef ref, io.headwater.engine.replay.AsOf at) {
        PrintWriter out = spec.commandLine().getOut();
        ChangeLogSource source = ChangeLogSource.of(rt.pipeline(), rt.pipeline().requireDataset(ref)).orElseThrow();
        io.headwater.engine.replay.Materialized m = source.materialize(rt.eventLogOf(source.log().ref()), rt.decoder(), at, new Cancellation(),
                new ProgressPrinter(spec.commandLine().getErr(), "read " + source.log().ref()));
        if (common.json) {
            com.fasterxml.jackson.databind.node.ObjectNode root = StatusJson.MAPPER.createObjectNode().put("dataset", ref.toString())
                    .put("asOf", at.describe()).put("through", m.through().encode()).put("eventsApplied", m.eventsApplied())
                    .put("records", m.rows().size());
            com.fasterxml.jackson.databind.node.ArrayNode rows = root.putArray("rows");
            m.rows().forEach(r -> rows.add(VerificationJson.row(r)));
            out.println(root.toPrettyString());
            return ExitCodes.OK;
        }
        out.printf("%s as of %s (read-only; the live store is untouched): %,d records from %,d changes through %s%n", ref, at.describe(),
                m.rows().size(), m.eventsApplied(), describe(m.through()));
        m.rows().stream().limit(Math.max(0, show)).forEach(r -> out.println("  " + r.asMap()));
        if (m.rows().size() > show) {
            out.printf("  ... and %,d more (use --json for all)%n", m.rows().size() - show);
        }
        return ExitCodes.OK;
    }

    private static String describe(io.headwater.engine.spi.Checkpoint c) {
        return c.nextOffsets().isEmpty() ? "the beginning" : c.encode();
    }
}
