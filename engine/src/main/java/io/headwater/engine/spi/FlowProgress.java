package io.headwater.engine.spi;

import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.status.DatasetStatus;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How far one flow had got when it was observed, whoever runs it.
 *
 * <p>{@code positions} and {@code ends} are the flow's own position and the end of what it reads, as
 * next offsets per partition like {@link Checkpoint}. A Kafka consumer (hosted sink, consumer group,
 * position table) has one entry per partition of its topic. A replication slot reads one log, the
 * server's write-ahead log: it has a single entry, keyed by {@link #walPartition(String)}, whose
 * value is an LSN as a number ({@code confirmed_flush_lsn} as position, {@code pg_current_wal_lsn()}
 * as end). Either way, a verification that takes {@code ends} as its mark at one moment can later ask
 * {@link #covers} whether the flow has passed everything that was in the log then.
 *
 * @param flowId      the flow observed
 * @param known       whether the position could be read (a slot that exists, a group with commits);
 *                    when false, {@code lag} is -1 and {@code description} says why
 * @param lag         how far the flow is behind the end of what it reads, in {@code unit}; -1 when unknown
 * @param unit        what {@code lag} counts
 * @param positions   the flow's next offset per partition (empty when unknown)
 * @param ends        the end offset per partition of what it reads, at the same moment (empty when unknown)
 * @param description a short line for people: {@code slot h5_bank: 1.2 MB of WAL behind, active}
 */
public record FlowProgress(String flowId, boolean known, long lag, LagUnit unit, Map<PartitionRef, Long> positions,
                           Map<PartitionRef, Long> ends, String description) {
    /** What a lag counts. */
    public enum LagUnit {
        /** Bytes of PostgreSQL write-ahead log not yet confirmed by a replication slot's consumer. */
        WAL_BYTES,
        /** Log records (Kafka offsets) not yet applied. */
        RECORDS
    }

    public FlowProgress {
        Objects.requireNonNull(flowId, "flowId");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(description, "description");
        positions = Map.copyOf(positions);
        ends = Map.copyOf(ends);
        if (!known) {
            lag = -1;
        }
    }

    /** A position that could not be read, with the reason for people. */
    public static FlowProgress unknown(String flowId, LagUnit unit, String description) {
        return new FlowProgress(flowId, false, -1, unit, Map.of(), Map.of(), description);
    }

    /** The pseudo-partition under which a replication slot's LSNs are kept in {@link #positions()} and {@link #ends()}. */
    public static PartitionRef walPartition(String slot) {
        return new PartitionRef("wal:" + slot, 0);
    }

    /**
     * Whether the flow has passed the given log positions: for every partition named, its next offset
     * is at least the one given. A partition the flow has no position for is not covered, unless the
     * given offset is 0 (nothing to pass). False when the position is unknown.
     *
     * @param marks next offsets per partition, typically an earlier reading's {@link #ends()}
     */
    public boolean covers(Map<PartitionRef, Long> marks) {
        if (!known) {
            return false;
        }
        for (Map.Entry<PartitionRef, Long> m : marks.entrySet()) {
            Long at = positions.get(m.getKey());
            if (m.getValue() > 0 && (at == null || at < m.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The lag in records as {@link DatasetStatus#lag()} has it: -1 when unknown or counted in WAL bytes. */
    public long recordLag() {
        return known && unit == LagUnit.RECORDS ? lag : -1;
    }

    /** The lag for people: {@code 40 records behind}, {@code 1.2 MB of WAL behind}, {@code unknown}. */
    public String lagText() {
        if (!known) {
            return "unknown";
        }
        if (lag == 0) {
            return "caught up";
        }
        return unit == LagUnit.WAL_BYTES ? bytesText(lag) + " of WAL behind" : lag + (lag == 1 ? " record" : " records") + " behind";
    }

    /**
     * The status of the flow's target dataset with this lag: the record lag and the positions as
     * checkpoint text ({@link Checkpoint#encode()}'s form). A WAL-bytes lag does not fit
     * {@link DatasetStatus#lag()} (records): it is -1 there, and {@link #lagText()} says it.
     */
    public DatasetStatus toDatasetStatus(DatasetRef ref, long size) {
        return new DatasetStatus(ref, size, recordLag(), unit == LagUnit.RECORDS ? new Checkpoint(positions).encode() : "");
    }

    /** A byte count as people read it, in powers of 1024: {@code 512 bytes}, {@code 1.2 MB}, {@code 3.0 GB}. */
    public static String bytesText(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double v = bytes;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }

    @Override
    public String toString() {
        return "FlowProgress[" + flowId + ": " + description + ", positions=" + new TreeMap<>(positions) + "]";
    }
}
