package io.headwater.app.runtime.workbench;

import io.headwater.app.runtime.LivePipeline;
import io.headwater.app.runtime.RebuildRunner;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.integrity.FindingSink;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.rebuild.ShadowReplay;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.engine.workbench.RebuildReport;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Rebuilds derived stores of the running pipeline through {@link RebuildRunner} (as
 * {@code headwater rebuild} does: shadow, verify, swap only when clean) and reports what happened.
 * Thread-safe: rebuilds of different stores may run at once; a second rebuild of a store whose
 * rebuild is running is refused, since both would write the same shadow.
 */
final class ShadowRebuilds {
    private final LivePipeline runtime;
    private final VerifyOptions options;
    private final Set<DatasetRef> running = ConcurrentHashMap.newKeySet();

    ShadowRebuilds(LivePipeline runtime, VerifyOptions options) {
        this.runtime = runtime;
        this.options = options;
    }

    RebuildReport rebuild(DatasetRef dataset, Cancellation cancellation, ProgressListener replayProgress, ProgressListener verifyProgress,
                          Consumer<String> swapPlanned) {
        if (!running.add(dataset)) {
            throw new HeadwaterException("a rebuild of " + dataset + " is already running: wait for it or cancel it first");
        }
        try {
            RebuildRunner.Outcome o = new RebuildRunner(runtime, options, 0).rebuild(dataset, cancellation, replayProgress, verifyProgress,
                    FindingSink.NONE, swapPlanned);
            ShadowReplay.Outcome replay = o.replay();
            return new RebuildReport(dataset, o.resumed(), replay.recordsRead(), replay.eventsApplied(), replay.elapsed(), o.verification(),
                    o.swapped(), o.swapStep());
        } finally {
            running.remove(dataset);
        }
    }
}
