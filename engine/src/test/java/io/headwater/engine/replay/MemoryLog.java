package io.headwater.engine.replay;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A single-partition event log held in a list, for unit tests of replay (the log is not under test;
 * the folding over it is). Each record's value names a change prepared by {@link #change}; the
 * {@link #decoder()} turns it back into that change at the record's position. Records appended while
 * a reader polls model a live topic; {@link #silent()} makes readers return nothing (a gone broker).
 */
final class MemoryLog implements EventLog {
    static final String TOPIC = "t.customers";
    static final PartitionRef P0 = new PartitionRef(TOPIC, 0);

    private final List<LogRecord> records = new ArrayList<>();
    private final Map<String, ChangeEvent> changes = new HashMap<>();
    private long firstOffset;
    private int partitions = 1;
    private boolean silent;
    private Runnable onPoll = () -> { };
    int probes;

    /** Appends a change; its commit time is {@code committedAt} (may be null), the record time {@code recordTime}. */
    MemoryLog change(ChangeOp op, Row key, Row before, Row after, Instant committedAt, Instant recordTime) {
        long offset = records.size();
        String id = "e" + offset;
        changes.put(id, new ChangeEvent(new LogPosition(P0, offset), id, op, key, before, after, committedAt));
        records.add(new LogRecord(new LogPosition(P0, offset), key.toString().getBytes(StandardCharsets.UTF_8), id.getBytes(StandardCharsets.UTF_8), recordTime));
        return this;
    }

    MemoryLog change(ChangeOp op, Row key, Row before, Row after, Instant committedAt) {
        return change(op, key, before, after, committedAt, committedAt);
    }

    /** Appends a tombstone (null value) for the key. */
    MemoryLog tombstone(Row key, Instant at) {
        records.add(new LogRecord(new LogPosition(P0, records.size()), key.toString().getBytes(StandardCharsets.UTF_8), null, at));
        return this;
    }

    /** Pretends retention removed the records below {@code offset}. */
    MemoryLog trimmedTo(long offset) {
        firstOffset = offset;
        return this;
    }

    MemoryLog withPartitions(int n) {
        partitions = n;
        return this;
    }

    MemoryLog silent() {
        silent = true;
        return this;
    }

    /** Runs before every poll (to append records while a read is going on). */
    MemoryLog onPoll(Runnable r) {
        onPoll = r;
        return this;
    }

    int size() {
        return records.size();
    }

    ChangeDecoder decoder() {
        return new ChangeDecoder() {
            @Override
            public Optional<ChangeEvent> decode(LogRecord record, Dataset logDataset) {
                if (record.value() == null) {
                    return Optional.empty();
                }
                ChangeEvent e = changes.get(new String(record.value(), StandardCharsets.UTF_8));
                return Optional.of(new ChangeEvent(record.position(), e.eventId(), e.op(), e.key(), e.before(), e.after(), e.committedAt()));
            }
        };
    }

    @Override
    public String systemId() {
        return "memlog";
    }

    @Override
    public boolean exists(String topic) {
        return topic.equals(TOPIC);
    }

    @Override
    public List<PartitionRef> partitions(String topic) {
        List<PartitionRef> out = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            out.add(new PartitionRef(TOPIC, i));
        }
        return out;
    }

    @Override
    public Map<PartitionRef, Long> beginOffsets(String topic) {
        probes++;
        return Map.of(P0, firstOffset);
    }

    @Override
    public Map<PartitionRef, Long> endOffsets(String topic) {
        probes++;
        return Map.of(P0, (long) records.size());
    }

    @Override
    public LogReader openReader(String topic, Checkpoint from) {
        return new LogReader() {
            private long next = from.next(P0);

            @Override
            public List<LogRecord> poll(Duration timeout) {
                onPoll.run();
                if (silent) {
                    return List.of();
                }
                // two records a poll, and the last one again, as a consumer may redeliver
                int from = (int) Math.max(0, next - 1);
                int to = (int) Math.min(records.size(), next + 2);
                next = Math.max(next, to);
                return List.copyOf(records.subList(from, to));
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }

    @Override
    public LogPosition produce(String topic, byte[] key, byte[] value) {
        throw new UnsupportedOperationException("not used by replay");
    }

    @Override
    public TopicSettings topicSettings(String topic) {
        throw new UnsupportedOperationException("not used by replay");
    }

    @Override
    public void close() {
        // nothing held
    }
}
