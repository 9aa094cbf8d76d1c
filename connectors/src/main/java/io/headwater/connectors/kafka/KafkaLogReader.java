package io.headwater.connectors.kafka;

import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.LogPosition;
import io.headwater.engine.spi.LogReader;
import io.headwater.engine.spi.LogRecord;
import io.headwater.engine.spi.PartitionRef;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads one topic of a {@link KafkaEventLog} by partition assignment and seek, without a consumer
 * group: the position it starts from is the {@link Checkpoint} the caller kept. Partitions the
 * checkpoint does not name start at their beginning. A topic that does not exist yet is picked up
 * once it appears.
 *
 * <p>Not thread-safe: one thread polls (as with {@code KafkaConsumer}); {@link #close()} on that
 * thread too.
 */
public final class KafkaLogReader implements LogReader {
    private final KafkaEventLog log;
    private final String topic;
    private final Checkpoint from;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private boolean assigned;

    KafkaLogReader(KafkaEventLog log, String topic, Checkpoint from, Map<String, Object> baseConfig) {
        this.log = log;
        this.topic = topic;
        this.from = from;
        Map<String, Object> conf = new HashMap<>(baseConfig);
        conf.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        conf.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"); // a checkpoint older than retention restarts at the log start
        conf.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        conf.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        conf.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumer = new KafkaConsumer<>(conf);
    }

    /** The topic this reader reads. */
    public String topic() {
        return topic;
    }

    @Override
    public List<LogRecord> poll(Duration timeout) {
        try {
            if (!assigned && !assign()) {
                sleepQuietly(timeout);
                return List.of();
            }
            ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
            List<LogRecord> out = new ArrayList<>(records.count());
            for (ConsumerRecord<byte[], byte[]> r : records) {
                out.add(new LogRecord(new LogPosition(new PartitionRef(r.topic(), r.partition()), r.offset()),
                        r.key(), r.value(), Instant.ofEpochMilli(r.timestamp())));
            }
            return out;
        } catch (KafkaException e) {
            throw log.wrap("read topic " + topic, e);
        }
    }

    /** The next offset this reader will return per assigned partition, as a checkpoint. */
    public Checkpoint position() {
        Map<PartitionRef, Long> m = new HashMap<>(from.nextOffsets());
        try {
            for (TopicPartition tp : consumer.assignment()) {
                m.put(new PartitionRef(tp.topic(), tp.partition()), consumer.position(tp, log.timeout()));
            }
        } catch (KafkaException e) {
            throw log.wrap("read the position on topic " + topic, e);
        }
        return new Checkpoint(m);
    }

    /**
     * From now on reads {@code partition} alone, from {@code offset} on: the other partitions are
     * unassigned, so that a fetch never waits on partitions with nothing to return.
     */
    public void readAlone(PartitionRef partition, long offset) {
        TopicPartition tp = new TopicPartition(partition.topic(), partition.partition());
        try {
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            assigned = true;
        } catch (KafkaException e) {
            throw log.wrap("read " + partition + " from offset " + offset, e);
        }
    }

    /**
     * Per partition, the first offset stamped at or after {@code at} (the end offset where none is),
     * from the broker's time index; the topic's partitions are assigned, no group is joined.
     */
    Map<PartitionRef, Long> offsetsForTime(Instant at) {
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, log.timeout());
            if (infos == null || infos.isEmpty()) {
                return Map.of();
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(tp -> query.put(tp, at.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, log.timeout());
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, log.timeout());
            Map<PartitionRef, Long> out = new TreeMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp o = found.get(tp);
                out.put(new PartitionRef(tp.topic(), tp.partition()), o != null ? o.offset() : ends.get(tp));
            }
            return out;
        } catch (KafkaException e) {
            throw log.wrap("look up the offsets of topic " + topic + " at " + at, e);
        }
    }

    private boolean assign() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, log.timeout());
        if (infos == null || infos.isEmpty()) {
            return false;
        }
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(partitions);
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            Long next = from.nextOffsets().get(new PartitionRef(tp.topic(), tp.partition()));
            if (next == null) {
                fromStart.add(tp);
            } else {
                consumer.seek(tp, next);
            }
        }
        if (!fromStart.isEmpty()) {
            consumer.seekToBeginning(fromStart);
        }
        assigned = true;
        return true;
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(Math.min(d.toMillis(), 200));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(2)));
    }
}
