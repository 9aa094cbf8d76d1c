package io.headwater.engine.rebuild;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ChangeDecoder;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.EventLog;
import io.headwater.engine.spi.LogReader;
import io.headwater.engine.spi.LogRecord;
import io.headwater.engine.spi.PartitionRef;
import io.headwater.engine.spi.ProgressListener;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.headwater.engine.HeadwaterException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replays a log into a shadow store until it has caught up with the log's end: every polled batch
 * is applied and committed with its checkpoint in one step, so a replay killed at any moment
 * resumes from the shadow's checkpoint with nothing lost and nothing applied twice; a record the
 * log delivers again below the checkpoint is skipped. Optionally
 * throttled (events per second) so a rebuild beside a live pipeline leaves it room. Not
 * thread-safe; cancellable from another thread through the {@link Cancellation}.
 */
public final class ShadowReplay {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowReplay.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int BATCH = 20_000;

    private final Flow flow;
    private final Dataset logDataset;
    private final EventLog log;
    private final ChangeDecoder decoder;
    private final double maxEventsPerSecond;
    private long applied;
    private long skipped;

    /**
     * @param maxEventsPerSecond a throttle, or 0 for as fast as possible
     */
    public ShadowReplay(Flow flow, Dataset logDataset, EventLog log, ChangeDecoder decoder, double maxEventsPerSecond) {
        this.flow = flow;
        this.logDataset = logDataset;
        this.log = log;
        this.decoder = decoder;
        this.maxEventsPerSecond = maxEventsPerSecond;
    }

    /** What one catch-up did. */
    public record Outcome(Checkpoint from, Checkpoint through, long recordsRead, long eventsApplied, long recordsSkipped, Duration elapsed) {
        public double eventsPerSecond() {
            return recordsRead / Math.max(1e-3, elapsed.toNanos() / 1e9);
        }
    }

    /**
     * Applies the log into {@code shadow} from its checkpoint until it covers the log's end as it
     * is when that end is reached (so a live log is followed until the shadow is level with it).
     * Progress is reported in log records ({@code done} of {@code total} = the end offsets).
     */
    public Outcome catchUp(DerivedSink shadow, Cancellation cancellation, ProgressListener progress) {
        String topic = logDataset.physicalName();
        long start = System.nanoTime();
        Checkpoint from = shadow.checkpoint();
        Map<PartitionRef, Long> next = new HashMap<>(from.nextOffsets());
        Checkpoint checkpoint = from;
        Map<PartitionRef, Long> end = log.endOffsets(topic);
        long read = 0;
        long startApplied = applied;
        long startSkipped = skipped;
        try (LogReader reader = log.openReader(topic, checkpoint); ApplyStage stage = new ApplyStage(shadow, maxEventsPerSecond <= 0)) {
            while (true) {
                cancellation.check("rebuild of " + flow.to());
                if (covers(checkpoint, end)) {
                    applied = startApplied + stage.awaitApplied();
                    progress.progress(sum(stage.committed(), end), total(end), "events");
                    Map<PartitionRef, Long> now = log.endOffsets(topic);
                    if (covers(checkpoint, now)) {
                        break;
                    }
                    end = now;
                }
                List<LogRecord> records = poll(reader);
                if (records.isEmpty()) {
                    continue;
                }
                // Throttled, a batch is committed every ~100 records, so progress (and a crash) is never far from a commit.
                int chunk = maxEventsPerSecond > 0 ? 100 : records.size();
                for (int at = 0; at < records.size(); at += chunk) {
                    List<LogRecord> part = records.subList(at, Math.min(records.size(), at + chunk));
                    List<ChangeEvent> events = new ArrayList<>(part.size());
                    for (LogRecord r : part) {
                        PartitionRef p = r.position().partition();
                        if (r.position().offset() < next.getOrDefault(p, 0L)) {
                            continue; // delivered again, but already applied and committed: apply once
                        }
                        Optional<ChangeEvent> e = decoder.decode(r, logDataset);
                        if (e.isPresent()) {
                            events.add(e.get());
                        } else {
                            skipped++;
                        }
                        next.put(p, r.position().offset() + 1);
                    }
                    Checkpoint through = new Checkpoint(next);
                    if (events.isEmpty() && through.equals(checkpoint)) {
                        continue;
                    }
                    checkpoint = through;
                    long appliedBefore = stage.submit(events, through);
                    applied = startApplied + appliedBefore;
                    read += part.size();
                    progress.progress(sum(stage.committed(), end), total(end), "events");
                    throttle(start, read);
                    cancellation.check("rebuild of " + flow.to());
                }
            }
            applied = startApplied + stage.awaitApplied();
        }
        return new Outcome(from, checkpoint, read, applied - startApplied, skipped - startSkipped, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Applies batches to the shadow in log order. Pipelined (unthrottled replays), a batch is
     * applied and committed on one worker thread while the caller decodes the next one, and at most
     * one batch is in flight; otherwise on the caller's thread. A failed apply fails the next call.
     */
    private final class ApplyStage implements AutoCloseable {
        private final DerivedSink shadow;
        private final ExecutorService worker;
        private Future<?> inFlight;
        private long applied;
        private volatile Checkpoint committed;

        ApplyStage(DerivedSink shadow, boolean pipelined) {
            this.shadow = shadow;
            this.committed = shadow.checkpoint();
            this.worker = pipelined ? Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "headwater-replay-apply-" + flow.id());
                t.setDaemon(true);
                return t;
            }) : null;
        }

        /** Hands a batch over; returns how many events earlier batches applied. */
        long submit(List<ChangeEvent> events, Checkpoint through) {
            awaitApplied();
            if (worker == null) {
                apply(events, through);
            } else {
                inFlight = worker.submit(() -> apply(events, through));
            }
            return applied;
        }

        private void apply(List<ChangeEvent> events, Checkpoint through) {
            shadow.apply(events, through);
            applied += events.size();
            committed = through;
        }

        /** Waits for the batch in flight; returns the events applied so far. */
        long awaitApplied() {
            if (inFlight != null) {
                try {
                    inFlight.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new HeadwaterException("interrupted while the rebuild of " + flow.to() + " applied a batch", e);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new HeadwaterException("the rebuild of " + flow.to() + " failed: " + e.getCause(), e.getCause());
                } finally {
                    inFlight = null;
                }
            }
            return applied;
        }

        /** The checkpoint of the last batch committed. */
        Checkpoint committed() {
            return committed;
        }

        /** Waits for the batch in flight (cancelled or failed, the shadow is left at a committed batch) and stops the worker. */
        @Override
        public void close() {
            try {
                if (inFlight != null) {
                    try {
                        inFlight.get();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (ExecutionException e) {
                        // The replay is already ending (cancelled or failed elsewhere): this is the only report of it.
                        LOG.warn("rebuild of {}: the last batch was not applied: {}", flow.to(), e.getCause().getMessage(), e.getCause());
                    }
                }
            } finally {
                if (worker != null) {
                    worker.shutdownNow();
                }
            }
        }
    }

    /**
     * Unthrottled, polls until about {@value #BATCH} records are in hand (or the log has nothing more
     * now), so each commit — an fsync in most stores — covers a large batch.
     */
    private List<LogRecord> poll(LogReader reader) {
        List<LogRecord> first = reader.poll(POLL);
        if (maxEventsPerSecond > 0 || first.isEmpty()) {
            return first;
        }
        List<LogRecord> batch = new ArrayList<>(first);
        while (batch.size() < BATCH) {
            List<LogRecord> more = reader.poll(Duration.ofMillis(50));
            if (more.isEmpty()) {
                break;
            }
            batch.addAll(more);
        }
        return batch;
    }

    private void throttle(long start, long read) {
        if (maxEventsPerSecond <= 0) {
            return;
        }
        long due = start + (long) (read / maxEventsPerSecond * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static boolean covers(Checkpoint checkpoint, Map<PartitionRef, Long> end) {
        return end.entrySet().stream().allMatch(e -> checkpoint.next(e.getKey()) >= e.getValue());
    }

    private static long sum(Checkpoint c, Map<PartitionRef, Long> end) {
        return end.keySet().stream().mapToLong(c::next).sum();
    }

    private static long total(Map<PartitionRef, Long> end) {
        return end.values().stream().mapToLong(Long::longValue).sum();
    }
}
