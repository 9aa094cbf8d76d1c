package io.headwater.app.runtime.workbench;

import io.headwater.connectors.kafka.KafkaLogReader;
import io.headwater.engine.ConnectionException;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.EventLog;
import io.headwater.engine.spi.LogReader;
import io.headwater.engine.spi.LogRecord;
import io.headwater.engine.spi.PartitionRef;
import io.headwater.engine.spi.ProgressListener;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads raw records of some partitions of one topic, each between offsets fixed before reading
 * starts, in offset order per partition, and hands them to a visitor until it has had enough. A
 * live topic does not keep it running: records past the fixed ends are ignored. When nothing
 * arrives for the stall timeout although records remain, the log is probed, so that an unreachable
 * broker fails with its own {@link ConnectionException}; a reachable one that delivers nothing fails
 * with one naming the topic. Not thread-safe; each call opens its own reader.
 */
final class TopicScan {
    /** Receives each record; returns whether to go on. */
    @FunctionalInterface
    interface Visitor {
        boolean visit(LogRecord record);
    }

    private static final Duration POLL = Duration.ofMillis(200);

    private final EventLog log;
    private final String topic;
    private final Duration stallTimeout;

    TopicScan(EventLog log, String topic, Duration stallTimeout) {
        this.log = log;
        this.topic = topic;
        this.stallTimeout = stallTimeout;
    }

    /**
     * Reads the partitions named in {@code from}, each from its offset up to (not including) its
     * offset in {@code stop}.
     *
     * @param progress told the records read of the records in range
     * @return how many records were handed to the visitor
     */
    long scan(Map<PartitionRef, Long> from, Map<PartitionRef, Long> stop, Cancellation cancellation, ProgressListener progress, Visitor visitor) {
        Map<PartitionRef, Long> next = new HashMap<>(from);
        long total = remaining(next, stop);
        if (total == 0) {
            progress.progress(0, 0, "records");
            return 0;
        }
        // Partitions not to be read start at their end, so the reader fetches nothing of them.
        Map<PartitionRef, Long> start = new HashMap<>(log.endOffsets(topic));
        start.putAll(from);
        long visited = 0;
        try (LogReader reader = log.openReader(topic, new Checkpoint(start))) {
            long lastProgress = System.nanoTime();
            while (remaining(next, stop) > 0) {
                cancellation.check("reading topic " + topic);
                long before = remaining(next, stop);
                for (LogRecord r : reader.poll(POLL)) {
                    cancellation.check("reading topic " + topic); // per record too: a search may stop at its first hit
                    PartitionRef p = r.position().partition();
                    long offset = r.position().offset();
                    Long wanted = next.get(p);
                    if (wanted == null || offset < wanted || offset >= stop.get(p)) {
                        continue;
                    }
                    next.put(p, offset + 1);
                    visited++;
                    if (!visitor.visit(r)) {
                        return visited;
                    }
                }
                skipGaps(reader, next);
                long now = System.nanoTime();
                if (remaining(next, stop) < before) {
                    lastProgress = now;
                    progress.progress(total - remaining(next, stop), total, "records");
                } else if (now - lastProgress > stallTimeout.toNanos()) {
                    throw stalled(next, stop);
                }
            }
        }
        return visited;
    }

    /** Offsets without a record (transaction markers, compacted records) are passed over by the reader's position. */
    private static void skipGaps(LogReader reader, Map<PartitionRef, Long> next) {
        if (reader instanceof KafkaLogReader kafka) {
            Map<PartitionRef, Long> position = kafka.position().nextOffsets();
            next.replaceAll((p, n) -> Math.max(n, position.getOrDefault(p, n)));
        }
    }

    private static long remaining(Map<PartitionRef, Long> next, Map<PartitionRef, Long> stop) {
        long r = 0;
        for (Map.Entry<PartitionRef, Long> e : next.entrySet()) {
            r += Math.max(0, stop.getOrDefault(e.getKey(), 0L) - e.getValue());
        }
        return r;
    }

    private ConnectionException stalled(Map<PartitionRef, Long> next, Map<PartitionRef, Long> stop) {
        log.endOffsets(topic); // an unreachable broker fails here, naming its system and address
        return new ConnectionException(log.systemId(), "topic " + topic, "no record arrived within " + stallTimeout.toMillis()
                + " ms although " + remaining(next, stop) + " remain to be read (reached " + new Checkpoint(next).encode() + ", reading up to "
                + new Checkpoint(stop).encode() + ")", null);
    }
}
