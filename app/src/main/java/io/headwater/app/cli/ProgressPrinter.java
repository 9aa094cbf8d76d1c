package io.headwater.app.cli;

import io.headwater.engine.spi.ProgressListener;
import java.io.PrintWriter;

/** Prints progress with rate and ETA to a terminal stream, at most about once a second. Thread-safe. */
final class ProgressPrinter implements ProgressListener {
    private final PrintWriter err;
    private final String what;
    private final long start = System.nanoTime();
    private long lastPrint;

    ProgressPrinter(PrintWriter err, String what) {
        this.err = err;
        this.what = what;
    }

    @Override
    public synchronized void progress(long done, long total, String unit) {
        long now = System.nanoTime();
        if (now - lastPrint < 1_000_000_000L && done < total) {
            return;
        }
        lastPrint = now;
        double secs = Math.max(1e-3, (now - start) / 1e9);
        double rate = done / secs;
        String eta = total > 0 && rate > 0 && done < total ? String.format(", ETA %.0f s", (total - done) / rate) : "";
        err.printf("%s: %,d%s %s, %,.0f %s/s%s%n", what, done, total > 0 ? String.format("/%,d", total) : "", unit, rate, unit, eta);
        err.flush();
    }
}
