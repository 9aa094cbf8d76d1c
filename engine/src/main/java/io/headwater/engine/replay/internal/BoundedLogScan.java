package io.headwater.engine.replay.internal;

import io.headwater.engine.ConnectionException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ChangeDecoder;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.EventLog;
import io.headwater.engine.spi.LogReader;
import io.headwater.engine.spi.LogRecord;
import io.headwater.engine.spi.PartitionRef;
import io.headwater.engine.spi.ProgressListener;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.LongUnaryOperator;

/**
 * Reads a log dataset's topic from its first available offsets up to limits fixed before reading
 * starts (the end offsets of that moment, possibly lowered), decodes each record once, in offset
 * order per partition, and hands the changes to a visitor. Records a reader returns again are not
 * visited twice. Tombstones and other records that carry no change are skipped.
 *
 * <p>When no record arrives for the stall timeout although offsets remain, the log is probed with
 * a metadata call: an unreachable broker then fails with the log's own {@link ConnectionException}
 * (naming the system and its address); a reachable one that delivers nothing fails with one naming
 * the system and the topic. Not thread-safe; one scan per call.
 */
public final class BoundedLogScan {
    /** Receives each decoded change in log order. */
    @FunctionalInterface
    public interface Visitor {
        void visit(LogRecord record, ChangeEvent event);
    }

    /** What a scan read: the first offsets available and the limits it read up to. */
    public record Extent(Checkpoint start, Checkpoint through) {
    }

    private static final Duration POLL = Duration.ofMillis(200);

    private final EventLog log;
    private final ChangeDecoder decoder;
    private final Dataset dataset;
    private final Duration stallTimeout;

    public BoundedLogScan(EventLog log, ChangeDecoder decoder, Dataset dataset, Duration stallTimeout) {
        this.log = Objects.requireNonNull(log, "log");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.stallTimeout = Objects.requireNonNull(stallTimeout, "stallTimeout");
    }

    /**
     * Scans the topic.
     *
     * @param limit    maps a partition's end offset to the offset (exclusive) to read up to
     * @param progress told the records read of the records to read
     */
    public Extent scan(LongUnaryOperator limit, Cancellation cancellation, ProgressListener progress, Visitor visitor) {
        String topic = dataset.physicalName();
        Map<PartitionRef, Long> end = log.endOffsets(topic);
        Map<PartitionRef, Long> begin = log.beginOffsets(topic);
        Map<PartitionRef, Long> stop = new TreeMap<>();
        Map<PartitionRef, Long> next = new HashMap<>();
        long total = 0;
        for (Map.Entry<PartitionRef, Long> e : end.entrySet()) {
            long from = begin.getOrDefault(e.getKey(), 0L);
            long to = Math.max(from, Math.min(e.getValue(), limit.applyAsLong(e.getValue())));
            stop.put(e.getKey(), to);
            next.put(e.getKey(), from);
            total += to - from;
        }
        Extent extent = new Extent(new Checkpoint(begin), new Checkpoint(stop));
        if (total == 0) {
            progress.progress(0, 0, "events");
            return extent;
        }
        try (LogReader reader = log.openReader(topic, new Checkpoint(begin))) {
            read(reader, new Bounds(next, stop, total), cancellation, progress, visitor);
        }
        return extent;
    }

    /** The per-partition next and stop offsets of one scan. */
    private record Bounds(Map<PartitionRef, Long> next, Map<PartitionRef, Long> stop, long total) {
        boolean reached() {
            return stop.entrySet().stream().allMatch(e -> next.getOrDefault(e.getKey(), 0L) >= e.getValue());
        }

        long remaining() {
            long r = 0;
            for (Map.Entry<PartitionRef, Long> e : stop.entrySet()) {
                r += Math.max(0, e.getValue() - next.getOrDefault(e.getKey(), 0L));
            }
            return r;
        }
    }

    private void read(LogReader reader, Bounds b, Cancellation cancellation, ProgressListener progress, Visitor visitor) {
        String topic = dataset.physicalName();
        long lastArrival = System.nanoTime();
        while (!b.reached()) {
            cancellation.check("reading " + topic);
            var batch = reader.poll(POLL);
            if (batch.isEmpty()) {
                if (System.nanoTime() - lastArrival > stallTimeout.toNanos()) {
                    throw stalled(b);
                }
                continue;
            }
            lastArrival = System.nanoTime();
            for (LogRecord r : batch) {
                PartitionRef p = r.position().partition();
                long offset = r.position().offset();
                if (offset >= b.next().getOrDefault(p, 0L) && offset < b.stop().getOrDefault(p, 0L)) {
                    decoder.decode(r, dataset).ifPresent(e -> visitor.visit(r, e));
                }
                b.next().merge(p, offset + 1, Math::max);
            }
            progress.progress(b.total() - b.remaining(), b.total(), "events");
        }
    }

    private ConnectionException stalled(Bounds b) {
        String topic = dataset.physicalName();
        log.endOffsets(topic); // an unreachable broker fails here, with its address
        return new ConnectionException(log.systemId(), "topic " + topic, "no record arrived within " + stallTimeout.toMillis()
                + " ms although " + b.remaining() + " remain to be read (reached " + new Checkpoint(b.next()).encode()
                + ", reading up to " + new Checkpoint(b.stop()).encode() + ")", null);
    }
}
