package io.headwater.engine.pipeline;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.spi.ChangeDecoder;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.EventLog;
import io.headwater.engine.spi.LogPosition;
import io.headwater.engine.spi.LogReader;
import io.headwater.engine.spi.LogRecord;
import io.headwater.engine.spi.PartitionRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the last records before a checkpoint again, with a reader of its own: what a consumer that
 * crashed before committing its offsets would be handed once more. The records come back in log
 * order (partition by partition). Not thread-safe; the consumer thread uses it.
 */
final class LogTail {
    /** The records read and the change events decoded from them. */
    record Read(List<LogPosition> positions, List<ChangeEvent> events) {
    }

    private static final Duration POLL = Duration.ofMillis(100);
    private static final long GIVE_UP_MILLIS = 10_000;

    private final EventLog log;
    private final Dataset logDataset;
    private final ChangeDecoder decoder;

    LogTail(EventLog log, Dataset logDataset, ChangeDecoder decoder) {
        this.log = log;
        this.logDataset = logDataset;
        this.decoder = decoder;
    }

    /**
     * Reads back {@code count} offsets before {@code at}, never before a partition's first available
     * offset. With several partitions the count is taken from the partitions in order, each from its
     * end. A compacted topic may hold fewer records in that range; those it holds are returned.
     */
    Read before(Checkpoint at, int count) {
        String topic = logDataset.physicalName();
        Map<PartitionRef, Long> begin = new TreeMap<>(log.beginOffsets(topic));
        Map<PartitionRef, Long> from = new TreeMap<>();
        Map<PartitionRef, Long> until = new TreeMap<>();
        long remaining = count;
        for (Map.Entry<PartitionRef, Long> e : begin.entrySet()) {
            long next = at.next(e.getKey());
            long take = Math.min(remaining, Math.max(0, next - e.getValue()));
            from.put(e.getKey(), Math.max(e.getValue(), next - take));
            if (take > 0) {
                until.put(e.getKey(), next);
                remaining -= take;
            }
        }
        return until.isEmpty() ? new Read(List.of(), List.of()) : read(topic, new Checkpoint(from), until);
    }

    private Read read(String topic, Checkpoint from, Map<PartitionRef, Long> until) {
        // by offset: a reader may hand a record over twice
        Map<PartitionRef, TreeMap<Long, LogRecord>> got = new TreeMap<>();
        Map<PartitionRef, Long> open = new TreeMap<>(until);
        long deadline = System.currentTimeMillis() + GIVE_UP_MILLIS;
        try (LogReader reader = log.openReader(topic, from)) {
            while (!open.isEmpty() && System.currentTimeMillis() < deadline) {
                for (LogRecord r : reader.poll(POLL)) {
                    PartitionRef p = r.position().partition();
                    Long end = open.get(p);
                    if (end == null) {
                        continue;
                    }
                    if (r.position().offset() < end) {
                        got.computeIfAbsent(p, k -> new TreeMap<>()).put(r.position().offset(), r);
                    }
                    // a record at end-1 closes the range; one beyond it does too (compaction left a gap)
                    if (r.position().offset() >= end - 1) {
                        open.remove(p);
                    }
                }
            }
        }
        List<LogPosition> positions = new ArrayList<>();
        List<ChangeEvent> events = new ArrayList<>();
        for (TreeMap<Long, LogRecord> records : got.values()) {
            for (LogRecord r : records.values()) {
                positions.add(r.position());
                decoder.decode(r, logDataset).ifPresent(events::add);
            }
        }
        return new Read(positions, events);
    }
}
