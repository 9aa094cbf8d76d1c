package io.headwater.engine.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How one probe ran in an audit.
 *
 * @param probe    its id
 * @param title    what it checks
 * @param started  when it started
 * @param elapsed  how long it took
 * @param evidence how many pieces of evidence it returned
 * @param error    why it could not run at all; null when it ran
 */
public record ProbeRun(String probe, String title, Instant started, Duration elapsed, int evidence, String error) {
    public ProbeRun {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
