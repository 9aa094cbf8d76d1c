package io.headwater.engine.integrity.internal;

import io.headwater.engine.integrity.KeyRange;
import io.headwater.engine.integrity.SegmentChecksum;
import io.headwater.engine.integrity.VerificationException;
import io.headwater.engine.spi.VerifySide;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Both sides' checksums of the same ranges at the same time: the target's on a thread of its own
 * ({@code headwater-verify-checksums-N}), the source's on the caller's. When the databases compute
 * the checksums, a level then costs the slower side's query, not the sum of both. Each side is still
 * used from one thread at a time. A failure of either side is thrown once both have finished (the
 * other side's failure suppressed in it). Stateless and thread-safe.
 */
final class PairedChecksums {
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** The checksums of one side; a wrong count is the caller's to check. */
    @FunctionalInterface
    interface Ask {
        List<SegmentChecksum> checksums(VerifySide side, List<KeyRange> ranges);
    }

    /** The source's and the target's checksums. */
    record Both(List<SegmentChecksum> source, List<SegmentChecksum> target) {
    }

    private PairedChecksums() {
    }

    static Both of(VerifySide source, VerifySide target, List<KeyRange> ranges, Ask ask) {
        FutureTask<List<SegmentChecksum>> onTarget = new FutureTask<>(() -> ask.checksums(target, ranges));
        Thread thread = new Thread(onTarget, "headwater-verify-checksums-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
        List<SegmentChecksum> s;
        try {
            s = ask.checksums(source, ranges);
        } catch (RuntimeException e) {
            try {
                await(onTarget, target);
            } catch (RuntimeException other) {
                e.addSuppressed(other);
            }
            throw e;
        }
        return new Both(s, await(onTarget, target));
    }

    private static List<SegmentChecksum> await(FutureTask<List<SegmentChecksum>> task, VerifySide side) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new VerificationException("interrupted while " + side.describe() + " computed checksums", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new VerificationException(side.describe() + " failed to compute checksums", e.getCause());
        }
    }
}
