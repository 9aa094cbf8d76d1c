package io.headwater.engine.integrity.internal;

import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ProgressListener;

/**
 * Counts compared rows, reports them every {@value #EVERY} rows and checks for cancellation as
 * often. Used from one thread.
 */
public final class Progress {
    /** How many rows pass between reports and cancellation checks. */
    public static final int EVERY = 10_000;
    private static final String WHAT = "verification";

    private final Cancellation cancellation;
    private final ProgressListener listener;
    private final long total;
    private long done;
    private long sinceCheck;

    public Progress(Cancellation cancellation, ProgressListener listener, long total) {
        this.cancellation = cancellation;
        this.listener = listener;
        this.total = total;
    }

    /** One more row compared. */
    public void row() {
        done++;
        if (++sinceCheck >= EVERY) {
            checkpoint();
        }
    }

    /** Many rows compared at once (an equal segment). */
    public void rows(long n) {
        done += n;
    }

    /** Checks for cancellation and reports. */
    public void checkpoint() {
        sinceCheck = 0;
        cancellation.check(WHAT);
        listener.progress(done, total, "rows");
    }

    /** Throws {@link io.headwater.engine.Cancelled} if cancelled, without reporting. */
    public void checkCancelled() {
        cancellation.check(WHAT);
    }

    public long done() {
        return done;
    }
}
