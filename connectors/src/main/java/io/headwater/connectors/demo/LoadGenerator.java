package io.headwater.connectors.demo;

import io.headwater.engine.HeadwaterException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps writing random demo operations at a steady rate. A runnable unit: run it on a thread you
 * own; {@link #close()} from another thread stops it. Status methods are thread-safe.
 */
public final class LoadGenerator implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoadGenerator.class);

    private final java.util.function.Supplier<String> operation;
    private final double opsPerSecond;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Map<String, Long> counts = new TreeMap<>();
    private volatile boolean stopping;
    private volatile boolean paused;
    private volatile boolean started;
    private volatile long done;
    private volatile HeadwaterException failure;

    public LoadGenerator(DemoDataGenerator generator, double opsPerSecond) {
        this(generator::randomOperation, opsPerSecond);
    }

    /** A load of {@code opsPerSecond} calls of {@code operation}, which runs one operation and says what it was. */
    public LoadGenerator(java.util.function.Supplier<String> operation, double opsPerSecond) {
        if (opsPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive, was " + opsPerSecond);
        }
        this.operation = operation;
        this.opsPerSecond = opsPerSecond;
    }

    @Override
    public void run() {
        started = true;
        long start = System.nanoTime();
        try {
            while (!stopping) {
                if (paused) {
                    TimeUnit.MILLISECONDS.sleep(50);
                    // no burst to make up for the pause: the pace restarts from now
                    start = System.nanoTime() - (long) (done * 1_000_000_000L / opsPerSecond);
                    continue;
                }
                long due = start + (long) (done * 1_000_000_000L / opsPerSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(Math.min(wait, 100_000_000L));
                    continue;
                }
                String what = operation.get();
                synchronized (counts) {
                    counts.merge(what, 1L, Long::sum);
                }
                done++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (HeadwaterException e) {
            failure = e;
            LOG.error("load generator stopped: {}", e.getMessage(), e);
        } finally {
            finished.countDown();
        }
    }

    /**
     * Pauses the load (the operation in hand completes) or resumes it; the pace restarts on resume,
     * without a burst. For demonstrations that need the data to hold still for a moment.
     */
    public void setPaused(boolean pause) {
        paused = pause;
    }

    public boolean paused() {
        return paused;
    }

    /** Operations committed so far. */
    public long done() {
        return done;
    }

    /** Operations committed so far, by kind. */
    public Map<String, Long> counts() {
        synchronized (counts) {
            return Map.copyOf(counts);
        }
    }

    public java.util.Optional<HeadwaterException> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    @Override
    public void close() {
        stopping = true;
        if (!started) {
            return;
        }
        try {
            finished.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
