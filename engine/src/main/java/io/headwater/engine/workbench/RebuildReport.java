package io.headwater.engine.workbench;

import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.model.DatasetRef;
import java.time.Duration;

/**
 * What a rebuild did.
 *
 * @param resumed        whether it continued an earlier, interrupted rebuild's shadow
 * @param eventsRead     log records read into the shadow
 * @param eventsApplied  changes applied (the rest were duplicates or below the checkpoint)
 * @param replayTime     time spent replaying
 * @param verification   the shadow against the system of record
 * @param swapped        whether the shadow replaced the live store (only when verification was clean)
 * @param swapStep       how the store swaps a shadow in, naming live and shadow (the store's
 *                       {@code DerivedSink.swapStep()}): done when {@code swapped}, otherwise refused
 */
public record RebuildReport(DatasetRef dataset, boolean resumed, long eventsRead, long eventsApplied, Duration replayTime,
                            VerificationResult verification, boolean swapped, String swapStep) {
    public double eventsPerSecond() {
        return eventsRead / Math.max(1e-3, replayTime.toNanos() / 1e9);
    }
}
