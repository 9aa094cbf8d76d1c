package io.headwater.engine.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where a data subject still lives: every place the lineage leads from its record (and from records
 * that refer to it), with the number of records holding it in each. Immutable.
 *
 * @param subject   the subject traced
 * @param deleted   whether the subject's own record is gone from the system of record
 * @param locations every place looked at, holding or not, in lineage order
 * @param at        when the trace was taken
 * @param elapsed   how long it took
 */
public record ErasureTrace(ErasureSubject subject, boolean deleted, List<ErasureLocation> locations, Instant at, Duration elapsed) {
    public ErasureTrace {
        Objects.requireNonNull(subject, "subject");
        locations = List.copyOf(locations);
    }

    /** The places that still hold the subject. */
    public List<ErasureLocation> holding() {
        return locations.stream().filter(ErasureLocation::holds).toList();
    }

    /** Whether anything still holds the subject. */
    public boolean stillHeld() {
        return !holding().isEmpty();
    }
}
