package io.headwater.connectors.audit;

import io.headwater.connectors.kafka.KafkaEventLog;
import io.headwater.connectors.kafka.KafkaLogReader;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.EventLog;
import io.headwater.engine.spi.LogReader;
import io.headwater.engine.spi.LogRecord;
import io.headwater.engine.spi.PartitionRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A bounded sample of a topic as it was when sampling started. A topic of at most {@code limit}
 * records is read whole; a larger one is read as {@link #RUNS} runs of consecutive records, one
 * drawn at random inside each of as many equal slices of the topic's offsets (all partitions laid
 * end to end), so the sample spreads over the whole topic and over its history. The draws are
 * seeded by the topic's name: a rerun on the same offsets reads the same records. Stateless; each
 * call opens its own reader.
 */
final class TopicSample {
    /** How many runs a large topic is sampled in. */
    static final int RUNS = 50;
    private static final Duration POLL = Duration.ofMillis(200);
    /** A run that receives nothing this long although records remain is cut short (and says so in {@link Result#read()}). */
    private static final long STALL_NANOS = Duration.ofSeconds(10).toNanos();

    /**
     * What was read.
     *
     * @param records the records the topic held (its offsets, partitions summed)
     * @param read    the records handed on
     * @param runs    the runs they were read in (one per non-empty partition when whole)
     * @param whole   whether every record was read, so that counts over them are exact
     */
    record Result(long records, long read, int runs, boolean whole) {
    }

    private record Run(PartitionRef partition, long from, long to) {
    }

    private TopicSample() {
    }

    static Result read(EventLog log, String topic, int limit, Consumer<LogRecord> each) {
        if (!log.exists(topic)) {
            return new Result(0, 0, 0, true);
        }
        Map<PartitionRef, Long> begin = log.beginOffsets(topic);
        Map<PartitionRef, Long> end = new TreeMap<>(log.endOffsets(topic));
        long total = 0;
        for (Map.Entry<PartitionRef, Long> e : end.entrySet()) {
            total += Math.max(0, e.getValue() - begin.getOrDefault(e.getKey(), 0L));
        }
        boolean whole = total <= limit;
        List<Run> runs = whole ? wholeRuns(begin, end) : sampledRuns(topic, begin, end, total, limit);
        long read = 0;
        LogReader reader = null;
        try {
            for (Run run : runs) {
                reader = positioned(log, topic, reader, end, run);
                read += readRun(reader, run, each);
            }
        } finally {
            if (reader != null) {
                reader.close();
            }
        }
        return new Result(total, read, runs.size(), whole && read == total);
    }

    private static List<Run> wholeRuns(Map<PartitionRef, Long> begin, Map<PartitionRef, Long> end) {
        List<Run> runs = new ArrayList<>();
        end.forEach((p, e) -> {
            long b = begin.getOrDefault(p, 0L);
            if (e > b) {
                runs.add(new Run(p, b, e));
            }
        });
        return runs;
    }

    /** One run of {@code limit / RUNS} records at a random place inside each of RUNS equal slices of the offsets. */
    private static List<Run> sampledRuns(String topic, Map<PartitionRef, Long> begin, Map<PartitionRef, Long> end, long total, int limit) {
        int slices = Math.min(RUNS, limit);
        long length = limit / slices;
        SplittableRandom random = new SplittableRandom(topic.hashCode());
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < slices; i++) {
            long sliceStart = total * i / slices;
            long sliceEnd = total * (i + 1) / slices;
            long start = sliceStart + random.nextLong(Math.max(1, sliceEnd - sliceStart - length + 1));
            long before = 0;
            for (Map.Entry<PartitionRef, Long> e : end.entrySet()) {
                long b = begin.getOrDefault(e.getKey(), 0L);
                long size = Math.max(0, e.getValue() - b);
                if (start < before + size) {
                    long from = b + (start - before);
                    runs.add(new Run(e.getKey(), from, Math.min(e.getValue(), from + length)));
                    break;
                }
                before += size;
            }
        }
        return runs;
    }

    /** A reader whose partitions all sit at their end except the run's, which sits at its start. */
    private static LogReader positioned(EventLog log, String topic, LogReader reader, Map<PartitionRef, Long> end, Run run) {
        if (reader instanceof KafkaLogReader kafka) {
            kafka.readAlone(run.partition(), run.from());
            return kafka;
        }
        if (reader != null) {
            reader.close();
        }
        Map<PartitionRef, Long> start = new HashMap<>(end);
        start.put(run.partition(), run.from());
        if (log instanceof KafkaEventLog kafka) {
            KafkaLogReader hopping = kafka.openHoppingReader(topic, new Checkpoint(start));
            hopping.readAlone(run.partition(), run.from());
            return hopping;
        }
        return log.openReader(topic, new Checkpoint(start));
    }

    private static long readRun(LogReader reader, Run run, Consumer<LogRecord> each) {
        long read = 0;
        long last = run.from() - 1;
        long lastProgress = System.nanoTime();
        while (last < run.to() - 1 && System.nanoTime() - lastProgress < STALL_NANOS) {
            for (LogRecord r : reader.poll(POLL)) {
                long offset = r.position().offset();
                if (r.position().partition().equals(run.partition()) && offset > last && offset < run.to()) {
                    each.accept(r);
                    read++;
                    last = offset;
                    lastProgress = System.nanoTime();
                }
            }
            if (reader instanceof KafkaLogReader kafka) { // offsets without a record (compaction, markers) end a run too
                last = Math.max(last, kafka.position().nextOffsets().getOrDefault(run.partition(), last + 1) - 1);
            }
        }
        return read;
    }
}
