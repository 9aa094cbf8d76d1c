package io.headwater.connectors.faults;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.ChangeDecoder;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.ChangeOp;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.EventLog;
import io.headwater.engine.spi.LogPosition;
import io.headwater.engine.spi.LogReader;
import io.headwater.engine.spi.LogRecord;
import io.headwater.engine.spi.PartitionRef;
import io.headwater.engine.spi.TopicSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A one-partition event log held in memory, for tests of the consumer (the log is not under test).
 * Each record's value is the index of a change appended with {@link #append}; {@link #decoder()}
 * turns it back into that change. Thread-safe: a test appends while the consumer thread reads.
 */
final class ListEventLog implements EventLog {
    private final PartitionRef partition;
    private final List<ChangeEvent> changes = new ArrayList<>();
    private long firstOffset;

    ListEventLog(String topic) {
        this.partition = new PartitionRef(topic, 0);
    }

    /** Appends a change and returns its position. */
    synchronized LogPosition append(ChangeOp op, Row key, Row before, Row after) {
        LogPosition p = new LogPosition(partition, changes.size());
        changes.add(new ChangeEvent(p, partition + "@" + p.offset(), op, key, before, after, Instant.now()));
        return p;
    }

    /** Pretends retention removed the records below {@code offset}. */
    synchronized void trimTo(long offset) {
        firstOffset = offset;
    }

    synchronized long end() {
        return changes.size();
    }

    ChangeDecoder decoder() {
        return new ChangeDecoder() {
            @Override
            public Optional<ChangeEvent> decode(LogRecord record, Dataset logDataset) {
                return Optional.of(change(Integer.parseInt(new String(record.value(), StandardCharsets.UTF_8))));
            }
        };
    }

    private synchronized ChangeEvent change(int index) {
        return changes.get(index);
    }

    private synchronized List<LogRecord> records(long from, int max) {
        List<LogRecord> out = new ArrayList<>();
        for (long o = Math.max(from, firstOffset); o < changes.size() && out.size() < max; o++) {
            out.add(new LogRecord(new LogPosition(partition, o), new byte[0], Long.toString(o).getBytes(StandardCharsets.UTF_8), Instant.now()));
        }
        return out;
    }

    @Override
    public String systemId() {
        return "memory";
    }

    @Override
    public boolean exists(String topic) {
        return topic.equals(partition.topic());
    }

    @Override
    public List<PartitionRef> partitions(String topic) {
        return List.of(partition);
    }

    @Override
    public synchronized Map<PartitionRef, Long> beginOffsets(String topic) {
        return Map.of(partition, firstOffset);
    }

    @Override
    public synchronized Map<PartitionRef, Long> endOffsets(String topic) {
        return Map.of(partition, (long) changes.size());
    }

    @Override
    public LogReader openReader(String topic, Checkpoint from) {
        return new LogReader() {
            private long next = from.next(partition);

            @Override
            public List<LogRecord> poll(Duration timeout) {
                // three records a poll, so that a request can land between batches
                List<LogRecord> batch = records(next, 3);
                if (batch.isEmpty()) {
                    pause(timeout);
                    return batch;
                }
                next = batch.get(batch.size() - 1).position().offset() + 1;
                return batch;
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }

    private static void pause(Duration timeout) {
        try {
            Thread.sleep(Math.min(timeout.toMillis(), 20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public LogPosition produce(String topic, byte[] key, byte[] value) {
        throw new UnsupportedOperationException("tests append changes with append()");
    }

    @Override
    public TopicSettings topicSettings(String topic) {
        throw new UnsupportedOperationException("not used by the consumer");
    }

    @Override
    public void close() {
        // nothing held
    }
}
