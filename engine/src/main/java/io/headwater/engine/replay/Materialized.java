package io.headwater.engine.replay;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.Checkpoint;
import java.util.List;
import java.util.Objects;

/**
 * A dataset as it stood at a point of its log, held in memory.
 *
 * @param dataset       the dataset the rows belong to: the log dataset, or the target of the flow
 *                      they were mapped through
 * @param asOf          the point materialised
 * @param through       the next offset per partition the log was read up to (exclusive)
 * @param eventsApplied how many change events were folded in (tombstones and later changes not counted)
 * @param rows          the records, one per key, in key order ({@link io.headwater.engine.integrity.KeyOrder})
 * @param logStart      the first offset per partition the log still held; above zero, retention had
 *                      removed the head of the log and the rows miss whatever it held
 */
public record Materialized(Dataset dataset, AsOf asOf, Checkpoint through, long eventsApplied, List<Row> rows, Checkpoint logStart) {
    public Materialized {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(through, "through");
        Objects.requireNonNull(logStart, "logStart");
        rows = List.copyOf(rows);
    }

    /** Whether retention had removed records from the head of the log, so the result may be incomplete. */
    public boolean headTrimmed() {
        return logStart.nextOffsets().values().stream().anyMatch(o -> o > 0);
    }
}
