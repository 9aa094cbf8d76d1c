package io.headwater.app.runtime.scenario;

import io.headwater.app.runtime.LivePipeline;
import io.headwater.app.runtime.FlowVerification;
import io.headwater.app.runtime.RebuildRunner;
import io.headwater.connectors.demo.LoadGenerator;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.integrity.Finding;
import io.headwater.engine.integrity.FindingType;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.pipeline.FlowConsumer;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a scenario works with: the live pipeline, the narration, and the few things every story
 * does (verify a flow, rebuild a store), each narrated in a line or two. Not thread-safe: one story
 * at a time.
 */
final class ScenarioContext {
    private final LivePipeline runtime;
    private final LoadGenerator load;
    private final Cancellation cancellation;
    private final Consumer<String> narration;
    private int step;

    ScenarioContext(LivePipeline runtime, LoadGenerator load, Cancellation cancellation, Consumer<String> narration) {
        this.runtime = runtime;
        this.load = load;
        this.cancellation = cancellation;
        this.narration = narration;
    }

    LivePipeline runtime() {
        return runtime;
    }

    Cancellation cancellation() {
        return cancellation;
    }

    /** Starts a numbered step: "2. Damage three records of the search index". */
    void step(String what) {
        cancellation.check("scenario");
        narration.accept(++step + ". " + what);
    }

    /** A line of detail under the current step. */
    void say(String text) {
        narration.accept("   " + text);
    }

    /** Pauses or resumes the demo's load, if the story runs with one; narrated. */
    void pauseLoad(boolean pause) {
        if (load != null && load.paused() != pause) {
            load.setPaused(pause);
            say(pause ? "(the demo load is paused, so the data holds still while we look)" : "(the demo load goes on)");
        }
    }

    FlowConsumer consumer(DatasetRef target) {
        return runtime.consumer(target).orElseThrow(() -> new HeadwaterException("the pipeline has no consumer for " + target
                + ": the scenarios run on the embedded demo pipeline"));
    }

    Flow flowInto(DatasetRef target) {
        return consumer(target).flow();
    }

    /** Verifies a flow and narrates the outcome; all findings are returned, not only those listed. */
    Verified verify(Flow flow) {
        List<Finding> all = new ArrayList<>();
        VerificationResult r = new FlowVerification(runtime, VerifyOptions.defaults()).verify(flow, cancellation, ProgressListener.NONE, all::add);
        say(String.format("verify %s: %s — %,d compared, missing %d, extra %d, mismatched %d, in flight %d (%.2f s)", flow.id(),
                r.clean() ? "CLEAN" : "CORRUPT", r.compared(), r.counts().missing(), r.counts().extra(),
                r.counts().mismatched(), r.counts().inFlight(), r.elapsed().toNanos() / 1e9));
        all.stream().filter(f -> f.type().isCorrupt()).limit(5).forEach(f -> say("  " + describe(f)));
        return new Verified(r, all);
    }

    /** Rebuilds a store from the log, narrating the replay, the shadow's verification and the swap. */
    RebuildRunner.Outcome rebuild(DatasetRef target, double maxEventsPerSecond, Cancellation stop) {
        return rebuild(target, maxEventsPerSecond, stop, ProgressListener.NONE);
    }

    RebuildRunner.Outcome rebuild(DatasetRef target, double maxEventsPerSecond, Cancellation stop, ProgressListener replayProgress) {
        RebuildRunner.Outcome o = new RebuildRunner(runtime, VerifyOptions.defaults(), maxEventsPerSecond).rebuild(target, stop,
                replayProgress, ProgressListener.NONE, f -> { });
        say(String.format("rebuild of %s: %s; replayed %,d log records (%,d changes applied) in %.2f s", target,
                o.resumed() ? "resumed the interrupted shadow at " + o.replay().from().encode() : "new shadow",
                o.replay().recordsRead(), o.replay().eventsApplied(), o.replay().elapsed().toNanos() / 1e9));
        VerificationResult v = o.verification();
        say(String.format("shadow verified: %s (%,d compared); %s", v.clean() ? "CLEAN" : "CORRUPT", v.compared(),
                o.swapped() ? "swapped in — the rebuilt store is live" : "NOT swapped — the live store stays"));
        say("swap (" + (o.swapped() ? "done" : "refused") + "): " + o.swapStep());
        return o;
    }

    static String describe(Finding f) {
        String what = f.type().name().toLowerCase(java.util.Locale.ROOT) + " " + f.key().asMap();
        if (f.type() == FindingType.MISMATCHED && !f.differingFields().isEmpty()) {
            String field = f.differingFields().get(0);
            what += " " + field + ": record " + value(f.sourceValues(), field) + ", derived " + value(f.targetValues(), field);
        }
        return what;
    }

    private static String value(io.headwater.engine.model.Row row, String field) {
        return row == null ? "-" : "'" + row.get(field) + "'";
    }

    /** A verification's result with every finding. */
    record Verified(VerificationResult result, List<Finding> findings) {
        List<Finding> corrupt() {
            return findings.stream().filter(f -> f.type().isCorrupt()).toList();
        }
    }
}
