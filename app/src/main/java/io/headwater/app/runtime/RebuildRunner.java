package io.headwater.app.runtime;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.ReadOnlyException;
import io.headwater.engine.integrity.CatchUp;
import io.headwater.engine.integrity.FindingSink;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.pipeline.FlowConsumer;
import io.headwater.engine.rebuild.ShadowReplay;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.ProgressListener;
import java.time.Duration;

/**
 * Rebuilds one derived store of a running pipeline from its log: replays into a shadow (resuming
 * one an interrupted rebuild left), verifies the shadow against the system of record once it has
 * caught up, and swaps it in only when clean; otherwise the live store stays and the shadow is
 * dropped. A rebuild cancelled or failed (an outage) keeps its shadow, which the next one resumes.
 * Not thread-safe: one rebuild at a time per store.
 */
public final class RebuildRunner {
    private final LivePipeline runtime;
    private final VerifyOptions options;
    private final double maxEventsPerSecond;

    /**
     * What a rebuild did.
     *
     * @param swapStep how the store swaps the shadow in ({@link DerivedSink#swapStep()}), asked before the swap
     */
    public record Outcome(DatasetRef dataset, boolean resumed, ShadowReplay.Outcome replay, VerificationResult verification, boolean swapped,
                          String swapStep) {
    }

    public RebuildRunner(LivePipeline runtime, VerifyOptions options, double maxEventsPerSecond) {
        this.runtime = runtime;
        this.options = options;
        this.maxEventsPerSecond = maxEventsPerSecond;
    }

    /**
     * @param replayProgress events replayed (done/total) as they are applied
     * @param verifyProgress rows compared during the verification of the shadow
     * @param findings       every finding of the verification
     */
    public Outcome rebuild(DatasetRef target, Cancellation cancellation, ProgressListener replayProgress, ProgressListener verifyProgress,
                           FindingSink findings) {
        if (!runtime.pipeline().systemOf(target).mayWrite()) {
            throw ReadOnlyException.refusing("rebuilding " + target + " and swapping it in", target.system());
        }
        FlowConsumer consumer = runtime.consumer(target).orElseThrow(() -> new HeadwaterException("no consume flow that headwater runs feeds "
                + target + ": a rebuild swaps into a store whose consumer headwater runs"));
        Flow flow = consumer.flow();
        DerivedSink live = consumer.sink();
        boolean resumed = live.hasShadow();
        String swapStep = live.swapStep();
        DerivedSink shadow = live.openShadow();
        boolean keep = false;
        try {
            ShadowReplay replay = new ShadowReplay(flow, runtime.pipeline().requireDataset(flow.from()), runtime.eventLogOf(flow.from()), runtime.decoder(),
                    maxEventsPerSecond);
            ShadowReplay.Outcome replayed = replay.catchUp(shadow, cancellation, replayProgress);
            CatchUp level = new CatchUp() {
                @Override
                public boolean awaitCaughtUp(Duration timeout) {
                    replay.catchUp(shadow, cancellation, ProgressListener.NONE);
                    return true;
                }

                @Override
                public Duration captureGrace() {
                    return FlowCatchUp.CAPTURE_GRACE;
                }
            };
            VerificationResult verified = new FlowVerification(runtime, options).verifySink(flow, shadow, level, cancellation, verifyProgress, findings);
            if (!verified.clean()) {
                shadow.close();
                live.discardShadow();
                keep = true;
                return new Outcome(target, resumed, replayed, verified, false, swapStep);
            }
            runtime.promote(flow, shadow, s -> replay.catchUp(s, cancellation, ProgressListener.NONE));
            keep = true;
            return new Outcome(target, resumed, replayed, verified, true, swapStep);
        } finally {
            if (!keep) {
                // Cancelled or failed: the shadow stays on disk with its checkpoint, and the next rebuild resumes it.
                shadow.close();
            }
        }
    }
}
