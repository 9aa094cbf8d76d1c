package io.headwater.connectors.audit;

import io.headwater.engine.model.Dataset;
import java.time.Duration;
import java.util.Optional;

/**
 * An adapter capability ({@code SystemAdapter.capability(KeyExpiries.class)}) of stores that expire
 * records by themselves (a Redis key's TTL): how the records of a dataset are set to expire, read
 * now, for the retention probe. Implementations are thread-safe and read only.
 */
public interface KeyExpiries {
    /** The expiries of every record of {@code dataset}, counted in one pass. */
    Census census(Dataset dataset);

    /**
     * @param records       records counted
     * @param withoutExpiry records that never expire (kept until something deletes them)
     * @param longest       the longest time any record has left, if any has an expiry
     * @param shortest      the shortest time any record has left, if any has an expiry
     */
    record Census(long records, long withoutExpiry, Optional<Duration> longest, Optional<Duration> shortest) {
    }
}
