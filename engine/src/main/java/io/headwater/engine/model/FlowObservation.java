package io.headwater.engine.model;

import java.time.Duration;
import java.util.Optional;

/**
 * How Headwater observes the progress of a flow that runs outside it ({@link FlowRunner#EXTERNAL}).
 * Every part is optional; which ones apply depends on the flow's kind:
 *
 * @param connector     the name of the connector that runs the flow (Kafka Connect, Debezium Server), for display
 * @param slot          a cdc flow's PostgreSQL replication slot: lag is {@code pg_current_wal_lsn()} minus its
 *                      {@code confirmed_flush_lsn}
 * @param consumerGroup a consume flow's Kafka consumer group: lag per partition is end offset minus committed offset
 * @param position      a position the sink keeps itself, in a table of the target system
 * @param inFlight      a copy flow's window on the source's timestamp field: rows changed within it are in flight
 * @param grace         how long to wait before differences are re-checked once, when nothing else tells progress
 * @param deletes       what the flow's sink does with a deleted record; null when not declared ({@link DeleteHandling#DELETE})
 */
public record FlowObservation(String connector, String slot, String consumerGroup, PositionTable position, Duration inFlight,
                              Duration grace, DeleteHandling deletes) {
    public static final FlowObservation NONE = new FlowObservation(null, null, null, null, null, null, null);

    /** An observation that declares nothing about deletes. */
    public FlowObservation(String connector, String slot, String consumerGroup, PositionTable position, Duration inFlight, Duration grace) {
        this(connector, slot, consumerGroup, position, inFlight, grace, null);
    }

    /** What the sink does with deletes: {@link DeleteHandling#DELETE} unless declared otherwise. */
    public DeleteHandling deleteHandling() {
        return deletes == null ? DeleteHandling.DELETE : deletes;
    }

    public Optional<String> connectorOpt() {
        return Optional.ofNullable(connector);
    }

    public Optional<String> slotOpt() {
        return Optional.ofNullable(slot);
    }

    public Optional<String> consumerGroupOpt() {
        return Optional.ofNullable(consumerGroup);
    }

    public Optional<PositionTable> positionOpt() {
        return Optional.ofNullable(position);
    }

    public Optional<Duration> inFlightOpt() {
        return Optional.ofNullable(inFlight);
    }

    public Optional<Duration> graceOpt() {
        return Optional.ofNullable(grace);
    }

    /** Whether nothing is declared. */
    public boolean isEmpty() {
        return equals(NONE);
    }

    /**
     * A table in which a sink records how far it has applied a topic: one row per partition.
     *
     * @param table           the table's physical name in the flow's target system
     * @param topicColumn     the column naming the topic (null when the table serves one topic)
     * @param partitionColumn the column holding the partition number
     * @param offsetColumn    the column holding the next offset to apply
     */
    public record PositionTable(String table, String topicColumn, String partitionColumn, String offsetColumn) {
    }
}
