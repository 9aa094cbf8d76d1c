package io.headwater.connectors.kafka;

import io.headwater.engine.spi.FlowPosition;
import io.headwater.engine.spi.FlowProgress;
import io.headwater.engine.spi.PartitionRef;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The progress of a consumer that somebody else runs (a Kafka Connect sink, a service), read from
 * its consumer group's committed offsets: per partition of the topic, lag is the end offset minus
 * the committed one. A partition without a committed offset counts from the partition's first
 * offset, where a consumer with {@code auto.offset.reset=earliest} would start.
 *
 * <p>Strictly read-only: it asks through {@link KafkaEventLog}'s admin client (the admin client), so it never joins
 * the group, commits, or creates anything. Thread-safe.
 */
public final class ConsumerGroupPosition implements FlowPosition {
    private final String flowId;
    private final KafkaEventLog kafka;
    private final boolean ownsObserver;
    private final String group;
    private final String topic;

    /**
     * @param flowId       the flow observed
     * @param kafka        the cluster the group consumes from
     * @param ownsObserver whether {@link #close()} closes {@code kafka}
     * @param group        the consumer group of the flow's sink
     * @param topic        the topic the flow reads
     */
    public ConsumerGroupPosition(String flowId, KafkaEventLog kafka, boolean ownsObserver, String group, String topic) {
        this.flowId = Objects.requireNonNull(flowId, "flowId");
        this.kafka = Objects.requireNonNull(kafka, "kafka");
        this.ownsObserver = ownsObserver;
        this.group = Objects.requireNonNull(group, "group");
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    @Override
    public String flowId() {
        return flowId;
    }

    @Override
    public FlowProgress read() {
        List<PartitionRef> partitions = kafka.partitions(topic);
        if (partitions.isEmpty()) {
            return unknown("topic " + topic + " does not exist on " + kafka.bootstrapServers());
        }
        Map<PartitionRef, Long> committed = new TreeMap<>();
        kafka.committedOffsets(group).forEach((p, o) -> {
            if (p.topic().equals(topic)) {
                committed.put(p, o);
            }
        });
        Optional<KafkaEventLog.GroupState> state = kafka.describeGroup(group);
        if (committed.isEmpty()) {
            return unknown(state.isEmpty()
                    ? "consumer group '" + group + "' not found on " + kafka.bootstrapServers()
                    : "consumer group '" + group + "' has no committed offsets for topic " + topic + " (" + state.get() + ")");
        }
        Map<PartitionRef, Long> ends = kafka.endOffsets(topic);
        List<PartitionRef> uncommitted = partitions.stream().filter(p -> !committed.containsKey(p)).toList();
        Map<PartitionRef, Long> positions = new TreeMap<>(committed);
        Map<PartitionRef, Long> begins = uncommitted.isEmpty() ? Map.of() : kafka.beginOffsets(topic);
        uncommitted.forEach(p -> positions.put(p, begins.getOrDefault(p, 0L)));
        long lag = 0;
        for (Map.Entry<PartitionRef, Long> e : ends.entrySet()) {
            lag += Math.max(0, e.getValue() - positions.getOrDefault(e.getKey(), 0L));
        }
        StringBuilder text = new StringBuilder("consumer group ").append(group).append(": ")
                .append(lag == 0 ? "caught up" : lag + (lag == 1 ? " record" : " records") + " behind").append(" on ").append(topic);
        state.ifPresent(s -> text.append(", ").append(s));
        if (!uncommitted.isEmpty()) {
            text.append(", no committed offset for ").append(uncommitted);
        }
        return new FlowProgress(flowId, true, lag, FlowProgress.LagUnit.RECORDS, positions, ends, text.toString());
    }

    private FlowProgress unknown(String why) {
        return FlowProgress.unknown(flowId, FlowProgress.LagUnit.RECORDS, why);
    }

    @Override
    public void close() {
        if (ownsObserver) {
            kafka.close();
        }
    }

    @Override
    public String toString() {
        return "ConsumerGroupPosition[" + flowId + ": group " + group + " on " + topic + " at " + kafka.bootstrapServers() + "]";
    }
}
