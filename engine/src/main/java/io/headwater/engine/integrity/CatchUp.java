package io.headwater.engine.integrity;

import java.time.Duration;

/**
 * How the {@link InFlightResolver} waits for the pipeline: supplied by the caller, who knows the
 * log and the derived store's checkpoint.
 */
public interface CatchUp {
    /**
     * Waits until the derived store has applied everything the log holds now.
     *
     * @return false if that did not happen within the timeout
     */
    boolean awaitCaughtUp(Duration timeout);

    /**
     * How long a change committed in the source may take to reach the log (change capture's
     * polling interval and batching), waited before asking for catch-up.
     */
    Duration captureGrace();
}
