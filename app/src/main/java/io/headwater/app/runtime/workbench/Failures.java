package io.headwater.app.runtime.workbench;

import io.headwater.engine.HeadwaterException;
import java.util.function.Supplier;

/**
 * The workbench's error boundary: whatever escapes the work of one call that is not yet a
 * {@link HeadwaterException} (an argument the engine rejects, a state it cannot handle) becomes one
 * that says which call on which dataset, flow or topic failed, keeping the cause for the details.
 */
final class Failures {
    private Failures() {
    }

    /**
     * Runs {@code work}.
     *
     * @param what the call, as a dialog would name it ("rebuild of search.customers")
     */
    static <T> T guard(String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (HeadwaterException e) {
            throw e;
        } catch (RuntimeException e) { // IllegalArgumentException and the like from below: give them context
            throw new HeadwaterException(what + " failed: " + e.getMessage(), e);
        }
    }
}
