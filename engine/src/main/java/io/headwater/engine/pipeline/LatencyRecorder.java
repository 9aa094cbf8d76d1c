package io.headwater.engine.pipeline;

import java.util.Arrays;

/**
 * Records commit-to-apply latencies (milliseconds) and reports percentiles over the most recent
 * samples. Thread-safe.
 */
public final class LatencyRecorder {
    private final long[] ring;
    private long recorded;

    public LatencyRecorder(int capacity) {
        this.ring = new long[capacity];
    }

    public LatencyRecorder() {
        this(20_000);
    }

    public synchronized void record(long millis) {
        ring[(int) (recorded % ring.length)] = Math.max(0, millis);
        recorded++;
    }

    /** Samples recorded since creation (not only those still kept). */
    public synchronized long count() {
        return recorded;
    }

    /** The given percentile (0..100) of the kept samples, or -1 when there are none. */
    public synchronized long percentile(double p) {
        int n = (int) Math.min(recorded, ring.length);
        if (n == 0) {
            return -1;
        }
        long[] copy = Arrays.copyOf(ring, n);
        Arrays.sort(copy);
        int idx = (int) Math.ceil(p / 100.0 * n) - 1;
        return copy[Math.max(0, Math.min(n - 1, idx))];
    }

    /** Forgets every sample, e.g. to measure only steady state. */
    public synchronized void reset() {
        recorded = 0;
    }
}
