package io.headwater.engine.spi;

import io.headwater.engine.model.Row;
import java.time.Instant;
import java.util.Objects;

/**
 * One decoded change of one record, as read from the log.
 *
 * @param position    where it sits in the log
 * @param eventId     its identity, stable across re-delivery (for CDC: source position and key);
 *                    sinks deduplicate on it
 * @param op          create, update, delete or snapshot read
 * @param key         the source key
 * @param before      the record before the change (null for creates, or when not captured)
 * @param after       the record after the change (null for deletes)
 * @param committedAt when the change was committed in the system of record
 */
public record ChangeEvent(LogPosition position, String eventId, ChangeOp op, Row key, Row before, Row after, Instant committedAt) {
    public ChangeEvent {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(key, "key");
    }

    /** The fullest image of the record: after, or before for a delete, or the key alone. */
    public Row image() {
        return after != null ? after : before != null ? before : key;
    }
}
