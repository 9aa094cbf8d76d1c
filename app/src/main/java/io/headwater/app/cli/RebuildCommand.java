package io.headwater.app.cli;

import io.headwater.app.runtime.EmbeddedPipeline;
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
        return OnPipeline.run(spec, pipeline, "headwater rebuild", rt -> { }, rt -> rebuild(rt, ref));
    }

    private int rebuild(EmbeddedPipeline rt, DatasetRef ref) {
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
                    .put("eventsPerSecond", Math.round(r.eventsPerSecond())).put("swapped", o.swapped())
                    .set("verification", VerificationJson.result(ref.toString(), v, v.findings())).toPrettyString());
        } else {
            out.printf("rebuild of %s: %s%n", ref, o.resumed() ? "resumed an interrupted shadow at " + describe(r.from()) : "new shadow");
            out.printf("  replayed %,d log records (%,d changes applied) through %s in %.2f s, %,.0f events/s%n", r.recordsRead(),
                    r.eventsApplied(), describe(r.through()), r.elapsed().toMillis() / 1000.0, r.eventsPerSecond());
            out.printf("  shadow verified against %s: %,d compared, missing %,d, extra %,d, mismatched %,d, in flight %,d%n", v.source(),
                    v.compared(), v.counts().missing(), v.counts().extra(), v.counts().mismatched(), v.counts().inFlight());
            out.println(o.swapped() ? "  swapped in: the rebuilt store is live" : "  NOT swapped: the live store stays; the shadow was dropped");
            v.corruptFindings().stream().limit(20).forEach(f -> out.printf("    %s %s %s%n", f.type().name().toLowerCase(java.util.Locale.ROOT),
                    f.key().asMap(), f.differingFields()));
        }
        return o.swapped() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    private static String describe(io.headwater.engine.spi.Checkpoint c) {
        return c.nextOffsets().isEmpty() ? "the beginning" : c.encode();
    }
}
