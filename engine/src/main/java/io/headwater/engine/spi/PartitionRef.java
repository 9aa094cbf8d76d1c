package io.headwater.engine.spi;

import java.util.Objects;

/** One partition of one topic of an event log. */
public record PartitionRef(String topic, int partition) implements Comparable<PartitionRef> {
    public PartitionRef {
        Objects.requireNonNull(topic, "topic");
    }

    @Override
    public int compareTo(PartitionRef o) {
        int c = topic.compareTo(o.topic);
        return c != 0 ? c : Integer.compare(partition, o.partition);
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
