package io.headwater.engine.replay;

import io.headwater.engine.model.Row;
import io.headwater.engine.spi.ChangeOp;
import io.headwater.engine.spi.LogPosition;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One change of one entity, as its log recorded it.
 *
 * @param position      where the change sits in the log
 * @param committedAt   when it was committed in the system of record (the record timestamp when the
 *                      change carries none)
 * @param op            create, update, delete or snapshot read
 * @param before        the record before the change: as captured, or for an update or delete whose
 *                      capture lacks it the previous change's image; null for creates and snapshot reads
 * @param after         the record after the change; null for deletes
 * @param changedFields the fields whose value differs between before and after (absent counts as null),
 *                      in the dataset's field order
 * @param transaction   who made the change, as a transaction id of the system of record; null when the
 *                      decoder does not expose it
 */
public record HistoryEntry(LogPosition position, Instant committedAt, ChangeOp op, Row before, Row after, List<String> changedFields,
                           String transaction) {
    public HistoryEntry {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(op, "op");
        changedFields = List.copyOf(changedFields);
    }
}
