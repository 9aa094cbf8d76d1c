package io.headwater.views.log;

/**
 * A partition of the chosen topic and the offsets it holds.
 *
 * @param first the first offset still in the log
 * @param next  the offset the next record will get (the end)
 */
public record PartitionInfo(int partition, long first, long next) {
    public long records() {
        return Math.max(0, next - first);
    }

    @Override
    public String toString() {
        return String.format("partition %d (offsets %,d–%,d)", partition, first, Math.max(first, next - 1));
    }
}
