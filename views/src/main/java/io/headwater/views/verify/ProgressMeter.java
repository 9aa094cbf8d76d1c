package io.headwater.views.verify;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Turns the {@code (done, total)} reports of long work into a rate and an estimated time left, and
 * tells a progress listener when it is worth handing a report to the UI (at most every
 * {@code interval}), so a listener called per row does not flood the FX thread. The rate is the
 * average since {@link #start()}. Reading and throttling are safe from the working thread while the
 * UI thread starts the meter.
 */
public final class ProgressMeter {
    /** How often a progress report reaches the UI by default. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);

    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private final AtomicLong startNanos = new AtomicLong();
    private final AtomicLong lastReportNanos = new AtomicLong(Long.MIN_VALUE);

    public ProgressMeter(LongSupplier nanoClock, Duration interval) {
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.intervalNanos = interval.toNanos();
        start();
    }

    /** A meter on the system's monotonic clock, reporting every 100 ms. */
    public static ProgressMeter system() {
        return new ProgressMeter(System::nanoTime, DEFAULT_INTERVAL);
    }

    /** Starts measuring from now; the next {@link #due()} is true. */
    public void start() {
        startNanos.set(nanoClock.getAsLong());
        lastReportNanos.set(Long.MIN_VALUE);
    }

    /** The time since {@link #start()}. */
    public Duration elapsed() {
        return Duration.ofNanos(nanoClock.getAsLong() - startNanos.get());
    }

    /** Whether a report should go to the UI now: true the first time and then once per interval. */
    public boolean due() {
        long now = nanoClock.getAsLong();
        long last = lastReportNanos.get();
        if (last != Long.MIN_VALUE && now - last < intervalNanos) {
            return false;
        }
        return lastReportNanos.compareAndSet(last, now);
    }

    /** Rate and time left at {@code done} of {@code total} units ({@code total} -1 when unknown). */
    public Reading read(long done, long total) {
        double seconds = Math.max(1e-9, (nanoClock.getAsLong() - startNanos.get()) / 1e9);
        double rate = done / seconds;
        Duration eta = null;
        if (total >= 0 && rate > 0) {
            eta = Duration.ofMillis(Math.round(Math.max(0, total - done) / rate * 1000));
        }
        double fraction = total > 0 ? Math.min(1.0, (double) done / total) : -1;
        return new Reading(done, total, fraction, rate, eta);
    }

    /**
     * One progress reading.
     *
     * @param fraction  done of total, or -1 when the total is unknown
     * @param perSecond units per second since the start
     * @param eta       estimated time left, or null when it cannot be told
     */
    public record Reading(long done, long total, double fraction, double perSecond, Duration eta) {
        /** {@code 1,234 / 5,000 rows · 2,345 rows/s · ETA 0:02}. */
        public String describe(String unit) {
            String u = unit == null || unit.isBlank() ? "" : " " + unit;
            StringBuilder sb = new StringBuilder(String.format("%,d", done));
            if (total >= 0) {
                sb.append(String.format(" / %,d", total));
            }
            sb.append(u).append(String.format(" · %,.0f%s/s", perSecond, u));
            if (eta != null) {
                sb.append(" · ETA ").append(clock(eta));
            }
            return sb.toString();
        }
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    public static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }
}
