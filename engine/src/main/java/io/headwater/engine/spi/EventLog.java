package io.headwater.engine.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An event log (Kafka): partitions, offsets, reading and producing. Implementations are
 * thread-safe for metadata calls; each {@link LogReader} is for one thread.
 */
public interface EventLog extends AutoCloseable {
    /** The id of the system this log belongs to. */
    String systemId();

    /** Whether a topic exists. */
    boolean exists(String topic);

    /** The partitions of a topic; empty when it does not exist yet. */
    List<PartitionRef> partitions(String topic);

    /** The first available offset of every partition of the topic. */
    Map<PartitionRef, Long> beginOffsets(String topic);

    /** The offset after the last record of every partition of the topic. */
    Map<PartitionRef, Long> endOffsets(String topic);

    /**
     * Per partition of the topic, the first offset whose record was stamped at or after {@code at}, or
     * the end offset where no record is; a reader started there reads nothing written before. This
     * default, for logs without a time index, answers the begin offsets: the caller still passes over
     * earlier records itself.
     */
    default Map<PartitionRef, Long> offsetsForTime(String topic, Instant at) {
        return beginOffsets(topic);
    }

    /** Opens a reader positioned at the given next offsets (partitions not named start at their beginning). */
    LogReader openReader(String topic, Checkpoint from);

    /** Appends one record and waits until the log acknowledged it. */
    LogPosition produce(String topic, byte[] key, byte[] value);

    /** The topic's retention configuration. */
    TopicSettings topicSettings(String topic);

    @Override
    void close();
}
