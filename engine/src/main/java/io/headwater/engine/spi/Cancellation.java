package io.headwater.engine.spi;

import io.headwater.engine.Cancelled;
import java.util.concurrent.atomic.AtomicBoolean;

/** A flag that long-running work checks; {@link #cancel()} may be called from any thread. */
public final class Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Throws {@link Cancelled} if cancelled. */
    public void check(String what) {
        if (cancelled.get()) {
            throw new Cancelled(what);
        }
    }
}
