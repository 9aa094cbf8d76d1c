package io.headwater.engine.spi;

/** The position of one record in an event log. */
public record LogPosition(PartitionRef partition, long offset) {
    @Override
    public String toString() {
        return partition + "@" + offset;
    }
}
