package io.headwater.app.runtime;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * For benchmarks: the largest live heap seen while some work runs, sampled by a full collection
 * ({@code System.gc()}) at a fixed interval on a named thread, then reading the heap in use. Unlike
 * a pool's peak usage, which counts garbage not yet collected, this shows whether memory holds
 * the data or stays bounded. Costs one full collection per interval. Thread-safe.
 */
final class LiveHeapSampler implements AutoCloseable {
    private final AtomicLong peak = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopped;

    private LiveHeapSampler(Duration every) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        this.thread = new Thread(() -> {
            while (!stopped) {
                System.gc();
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }, "bench-live-heap");
        thread.setDaemon(true);
    }

    /** Starts sampling now, every {@code every}. */
    static LiveHeapSampler start(Duration every) {
        LiveHeapSampler s = new LiveHeapSampler(every);
        s.thread.start();
        return s;
    }

    /** The largest live heap sampled so far, in MB. */
    long peakMb() {
        return peak.get() / (1024 * 1024);
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
