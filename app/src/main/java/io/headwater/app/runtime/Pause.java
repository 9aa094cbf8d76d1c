package io.headwater.app.runtime;

import io.headwater.engine.HeadwaterException;

/** The one way the runtime waits between polls: an interrupt ends the wait with a message saying what was waited for. */
public final class Pause {
    private Pause() {
    }

    /**
     * Sleeps {@code ms} milliseconds.
     *
     * @param doing  what is being waited for, for the message ("waiting for catch-up")
     * @throws HeadwaterException when interrupted (the interrupt flag is set again)
     */
    public static void millis(long ms, String doing) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HeadwaterException("interrupted while " + doing, e);
        }
    }
}
