package io.headwater.views.rebuild;

import java.util.function.LongSupplier;

/**
 * Turns running totals, updated by the working thread, into per-interval rates when the UI asks
 * (every 500 ms or so), so the chart does not get a point per event.
 */
final class ThroughputSampler {
    private final LongSupplier nanoClock;
    private volatile long events;
    private volatile long rows;
    private long startNanos;
    private long lastNanos;
    private long lastEvents;
    private long lastRows;

    ThroughputSampler(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    void start() {
        startNanos = nanoClock.getAsLong();
        lastNanos = startNanos;
        events = 0;
        rows = 0;
        lastEvents = 0;
        lastRows = 0;
    }

    /** Called from the working thread. */
    void events(long done) {
        events = done;
    }

    /** Called from the working thread. */
    void rows(long done) {
        rows = done;
    }

    /** The rates since the previous sample; null when no time has passed. */
    ThroughputSample sample() {
        long now = nanoClock.getAsLong();
        double dt = (now - lastNanos) / 1e9;
        if (dt <= 0) {
            return null;
        }
        long e = events;
        long r = rows;
        ThroughputSample s = new ThroughputSample((now - startNanos) / 1e9, Math.max(0, e - lastEvents) / dt, Math.max(0, r - lastRows) / dt);
        lastNanos = now;
        lastEvents = e;
        lastRows = r;
        return s;
    }
}
