package io.headwater.tests.foreign;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The harness's one way to wait for a condition: poll with a deadline, fail with what was awaited and the last state. */
final class Waits {
    private static final long POLL_MILLIS = 100;

    private Waits() {
    }

    /** Polls {@code condition} until it holds; after {@code timeout} fails with {@code what} and {@code state}'s description. */
    static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new ForeignPipelineException("timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + ": " + state.get());
            }
            pause(POLL_MILLIS);
        }
    }

    /** Sleeps between two polls of a wait that has its own deadline. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ForeignPipelineException("interrupted while waiting", e);
        }
    }
}
