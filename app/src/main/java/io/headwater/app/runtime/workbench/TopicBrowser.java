package io.headwater.app.runtime.workbench;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.EventLog;
import io.headwater.engine.spi.LogRecord;
import io.headwater.engine.spi.PartitionRef;
import io.headwater.engine.spi.ProgressListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The Log view's access to the pipeline's topics: their partitions and offsets, a page of records
 * from an offset or an instant, and a bounded text search. Read-only. Thread-safe: each call reads
 * with its own reader.
 */
final class TopicBrowser {
    /** How long a read may receive nothing although records remain. */
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);

    private final Function<DatasetRef, ? extends EventLog> logs;
    private final PipelineLookup lookup;

    /**
     * @param logs the log that holds a topic dataset (its kafka system's)
     */
    TopicBrowser(Function<DatasetRef, ? extends EventLog> logs, PipelineLookup lookup) {
        this.logs = logs;
        this.lookup = lookup;
    }

    List<DatasetRef> topics() {
        return lookup.topics();
    }

    /** First and next offset of every partition, in partition order. */
    Map<PartitionRef, long[]> offsets(DatasetRef topic) {
        String name = lookup.topic(topic).physicalName();
        EventLog log = logs.apply(topic);
        Map<PartitionRef, Long> begin = log.beginOffsets(name);
        Map<PartitionRef, long[]> out = new TreeMap<>();
        log.endOffsets(name).forEach((p, end) -> out.put(p, new long[] {begin.getOrDefault(p, 0L), end}));
        return out;
    }

    /**
     * Up to {@code limit} records of one partition from {@code offset} on (clamped to the records the
     * partition holds), or when {@code from} is given from the first record at or after it.
     */
    List<LogRecord> browse(DatasetRef topic, int partition, long offset, Instant from, int limit, Cancellation cancellation) {
        if (limit <= 0) {
            throw new HeadwaterException("browsing " + topic + ": a page of " + limit + " records is empty; ask for 1 or more");
        }
        Dataset dataset = lookup.topic(topic);
        EventLog log = logs.apply(topic);
        Map<PartitionRef, long[]> offsets = offsets(topic);
        PartitionRef p = new PartitionRef(dataset.physicalName(), partition);
        long[] range = offsets.get(p);
        if (range == null) {
            throw new HeadwaterException(offsets.isEmpty()
                    ? "topic " + p.topic() + " of " + topic + " does not exist yet in log system " + log.systemId() + ": nothing was written to it"
                    : "topic " + p.topic() + " of " + topic + " has no partition " + partition + "; its partitions: "
                            + offsets.keySet().stream().map(PartitionRef::partition).toList());
        }
        // From an instant: the log's time index says where to start, so earlier records are not read.
        long start = from != null ? Math.max(range[0], log.offsetsForTime(p.topic(), from).getOrDefault(p, range[0]))
                : Math.max(range[0], Math.min(offset, range[1]));
        List<LogRecord> page = new ArrayList<>();
        new TopicScan(log, p.topic(), STALL_TIMEOUT).scan(Map.of(p, start), Map.of(p, range[1]), cancellation, ProgressListener.NONE, r -> {
            if (from != null && page.isEmpty() && (r.timestamp() == null || r.timestamp().isBefore(from))) { // a log without a time index
                return true;
            }
            page.add(r);
            return page.size() < limit;
        });
        return page;
    }

    /**
     * Reads the topic from its first records, at most {@code maxRecords} of them, handing each whose
     * key or value contains {@code text} (ignoring case) to {@code hits} as it is read.
     *
     * @return how many records were read
     */
    long search(DatasetRef topic, String text, long maxRecords, Cancellation cancellation, ProgressListener progress, Consumer<LogRecord> hits) {
        if (text == null || text.isBlank()) {
            throw new HeadwaterException("searching " + topic + ": give a text to look for in the records' keys and values");
        }
        if (maxRecords <= 0) {
            throw new HeadwaterException("searching " + topic + ": reading at most " + maxRecords + " records finds nothing; allow 1 or more");
        }
        String name = lookup.topic(topic).physicalName();
        Map<PartitionRef, Long> from = new TreeMap<>();
        Map<PartitionRef, Long> stop = new TreeMap<>();
        offsets(topic).forEach((p, range) -> {
            from.put(p, range[0]);
            stop.put(p, range[1]);
        });
        String needle = text.toLowerCase(Locale.ROOT);
        ProgressListener bounded = (done, total, unit) -> progress.progress(done, Math.min(total, maxRecords), unit);
        long[] read = {0};
        return new TopicScan(logs.apply(topic), name, STALL_TIMEOUT).scan(from, stop, cancellation, bounded, r -> {
            if (contains(r.key(), needle) || contains(r.value(), needle)) {
                hits.accept(r);
            }
            return ++read[0] < maxRecords;
        });
    }

    private static boolean contains(byte[] bytes, String lowerCaseNeedle) {
        return bytes != null && new String(bytes, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).contains(lowerCaseNeedle);
    }
}
