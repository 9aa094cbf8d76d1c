package io.headwater.connectors.verify;

import io.headwater.connectors.debezium.DebeziumJsonDecoder;
import io.headwater.connectors.events.LogDecoders;
import io.headwater.connectors.kafka.KafkaLogReader;
import io.headwater.engine.ConnectionException;
import io.headwater.engine.integrity.KeyOrder;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.LogFormat;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.ChangeDecoder;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.EventLog;
import io.headwater.engine.spi.LogReader;
import io.headwater.engine.spi.LogRecord;
import io.headwater.engine.spi.PartitionRef;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A CDC topic read once as "the latest value per key": from the beginning up to the end offsets
 * captured when reading starts (later records are left for the next read), each record decoded in
 * the dataset's {@link LogFormat} (Debezium's envelope when it has none); a create, update or snapshot
 * read puts its {@code after}, a delete or a tombstone removes the key. Reads by partition assignment
 * ({@link EventLog#openReader}): no consumer group, no commit. Not thread-safe; a one-shot reader.
 */
final class LatestValues {
    private static final Duration POLL = Duration.ofMillis(200);
    /** A tombstone is decoded as a delete of its key, so the decoder's key typing applies. */
    private static final byte[] DELETE = "{\"op\":\"d\",\"before\":null,\"after\":null}".getBytes(StandardCharsets.UTF_8);

    private final ChangeDecoder decoder;
    /** Debezium's envelope puts the delete before its tombstone; a tombstone alone (after compaction) still deletes. */
    private final boolean tombstoneDeletes;
    private final Dataset logDataset;
    private final TreeMap<Row, Row> latest;
    private Checkpoint through = Checkpoint.EMPTY;

    /** A reader whose records are decoded in the dataset's format. */
    LatestValues(Dataset logDataset) {
        this(logDataset, LogDecoders.forFormat(logDataset.format().orElse(LogFormat.DEBEZIUM)));
    }

    /** A reader whose records are decoded by {@code decoder} (e.g. plain events of an event-sourced topic). */
    LatestValues(Dataset logDataset, ChangeDecoder decoder) {
        this.logDataset = logDataset;
        this.decoder = decoder;
        this.tombstoneDeletes = decoder instanceof DebeziumJsonDecoder
                || decoder instanceof LogDecoders decoders && decoders.formatOf(logDataset) == LogFormat.DEBEZIUM;
        this.latest = new TreeMap<>(new KeyOrder(logDataset.keyFields()));
    }

    /**
     * Reads the topic to the end offsets it has now.
     *
     * @throws ConnectionException when the end is not reached within {@code timeout}
     */
    void read(EventLog log, Duration timeout) {
        readTo(log, log.endOffsets(logDataset.physicalName()), timeout);
    }

    /**
     * Reads the topic up to (not including) the given offsets per partition.
     *
     * @throws ConnectionException when they are not reached within {@code timeout}
     */
    void readTo(EventLog log, Map<PartitionRef, Long> end, Duration timeout) {
        String topic = logDataset.physicalName();
        Map<PartitionRef, Long> next = new HashMap<>(log.beginOffsets(topic));
        long deadline = System.nanoTime() + timeout.toNanos();
        try (LogReader reader = log.openReader(topic, Checkpoint.EMPTY)) {
            while (!caughtUp(next, end)) {
                if (System.nanoTime() > deadline) {
                    throw new ConnectionException(log.systemId(), topic, "topic " + topic + " was not read to its end offsets " + end
                            + " within " + timeout.toMillis() + " ms (reached " + next + ")", null);
                }
                for (LogRecord r : reader.poll(POLL)) {
                    PartitionRef p = r.position().partition();
                    if (r.position().offset() < end.getOrDefault(p, 0L)) {
                        apply(r);
                    }
                    next.merge(p, r.position().offset() + 1, Math::max);
                }
                if (reader instanceof KafkaLogReader k) {
                    // the position also moves past offsets that carry no record (transaction markers, compaction)
                    k.position().nextOffsets().forEach((p, o) -> next.merge(p, o, Math::max));
                }
            }
        }
        through = new Checkpoint(end);
    }

    /** The end offsets the last read went up to. */
    Checkpoint through() {
        return through;
    }

    private static boolean caughtUp(Map<PartitionRef, Long> next, Map<PartitionRef, Long> end) {
        return end.entrySet().stream().allMatch(e -> next.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    private void apply(LogRecord r) {
        Optional<ChangeEvent> event = r.value() == null && r.key() != null && tombstoneDeletes
                ? decoder.decode(new LogRecord(r.position(), r.key(), DELETE, r.timestamp()), logDataset)
                : decoder.decode(r, logDataset);
        if (event.isEmpty()) {
            return;
        }
        ChangeEvent e = event.get();
        Row key = e.key().project(logDataset.key());
        if (e.op().removes() || e.after() == null) {
            latest.remove(key);
        } else {
            latest.put(key, e.after());
        }
    }

    /** The latest rows, in key order. */
    List<Row> rows() {
        return List.copyOf(latest.values());
    }
}
