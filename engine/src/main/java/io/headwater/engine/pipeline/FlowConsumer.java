package io.headwater.engine.pipeline;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.faults.DeliveryFault;
import io.headwater.engine.faults.Fault;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.spi.ChangeDecoder;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.ChangeOp;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.EventLog;
import io.headwater.engine.spi.FlowPosition;
import io.headwater.engine.spi.LogReader;
import io.headwater.engine.spi.LogRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one derived dataset up to date from its log: reads from the sink's checkpoint, decodes,
 * and hands each polled batch to the sink, which applies it and commits it with the new
 * checkpoint atomically. A runnable unit: the caller runs it on a thread it owns; {@link #close()}
 * from any other thread stops it after the batch in hand. Only the running thread touches the
 * sink's apply path; the status methods are thread-safe.
 *
 * <p>For demos and tests it can misbehave on request, like a real consumer would: {@link #redeliver}
 * applies already-applied records again (a crash before the offset commit) and {@link #drop} skips
 * records (a buggy consumer). Both may be asked for from any thread; the consumer's thread carries
 * them out between batches, and they are not carried out while it is paused.
 */
public final class FlowConsumer implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FlowConsumer.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Flow flow;
    private final Dataset logDataset;
    private final EventLog log;
    private final ChangeDecoder decoder;
    private final DerivedSink sink;
    private final LatencyRecorder latency;
    /** Changes committed before the consumer started are backlog, not latency (e.g. a seeded event history). */
    private final long startedAt;
    private final Clock clock;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final DeliveryFaultRequests faults;
    private final LogTail tail;
    private volatile boolean started;
    private volatile boolean stopping;
    private volatile boolean paused;
    private volatile long applied;
    private volatile HeadwaterException failure;

    public FlowConsumer(Flow flow, Dataset logDataset, EventLog log, ChangeDecoder decoder, DerivedSink sink, Clock clock) {
        this.flow = Objects.requireNonNull(flow, "flow");
        this.logDataset = Objects.requireNonNull(logDataset, "logDataset");
        this.log = Objects.requireNonNull(log, "log");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = clock;
        this.latency = new LatencyRecorder();
        this.startedAt = clock.millis();
        this.faults = new DeliveryFaultRequests(flow.id());
        this.tail = new LogTail(log, logDataset, decoder);
    }

    @Override
    public void run() {
        started = true;
        String topic = logDataset.physicalName();
        try {
            while (!stopping && !log.exists(topic)) {
                sleep(200);
            }
            try (LogReader reader = log.openReader(topic, sink.checkpoint())) {
                Checkpoint checkpoint = sink.checkpoint();
                while (!stopping) {
                    if (paused) {
                        sleep(100);
                        continue;
                    }
                    redeliverRequested(checkpoint);
                    List<LogRecord> records = reader.poll(POLL);
                    if (records.isEmpty()) {
                        continue;
                    }
                    List<ChangeEvent> events = new ArrayList<>(records.size());
                    for (LogRecord r : records) {
                        if (r.position().offset() < checkpoint.next(r.position().partition())) {
                            continue; // delivered again below the committed checkpoint: already applied
                        }
                        Optional<ChangeEvent> e = decoder.decode(r, logDataset);
                        checkpoint = checkpoint.advancedPast(r.position());
                        if (!faults.skips(r, e)) {
                            e.ifPresent(events::add);
                        }
                    }
                    sink.apply(events, checkpoint);
                    faults.committed();
                    applied += events.size();
                    recordLatency(events);
                }
            }
        } catch (HeadwaterException e) {
            failure = e;
            LOG.error("flow {} stopped: {}", flow.id(), e.getMessage(), e);
        } finally {
            faults.close();
            finished.countDown();
        }
    }

    /** Carries out the re-deliveries asked for, each with the checkpoint already committed. */
    private void redeliverRequested(Checkpoint checkpoint) {
        for (DeliveryFaultRequests.Redelivery r = faults.nextRedelivery(); r != null; r = faults.nextRedelivery()) {
            try {
                LogTail.Read read = tail.before(checkpoint, r.count());
                if (!read.events().isEmpty()) {
                    sink.apply(read.events(), checkpoint);
                }
                applied += read.events().size();
                LOG.warn("flow {}: re-delivered {} already-applied log record(s) on request: {}", flow.id(), read.positions().size(), read.positions());
                r.result().complete(new DeliveryFault(Fault.DUPLICATE_DELIVERY, flow.id(), r.count(), read.positions(), read.events()));
            } catch (RuntimeException e) {
                // the consumer stops on it as on any failed apply; the caller learns why
                r.result().completeExceptionally(e);
                throw e;
            }
        }
    }

    private void recordLatency(List<ChangeEvent> events) {
        long now = clock.millis();
        for (ChangeEvent e : events) {
            if (e.op() != ChangeOp.SNAPSHOT && e.committedAt() != null && e.committedAt().toEpochMilli() >= startedAt) {
                latency.record(now - e.committedAt().toEpochMilli());
            }
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    public Flow flow() {
        return flow;
    }

    public DerivedSink sink() {
        return sink;
    }

    /** Events applied since start. */
    public long applied() {
        return applied;
    }

    public LatencyRecorder latency() {
        return latency;
    }

    /** The error that stopped this consumer, if any. */
    public Optional<HeadwaterException> failure() {
        return Optional.ofNullable(failure);
    }

    /** This flow's position: the sink's checkpoint against the end of its topic. */
    public FlowPosition position() {
        return new SinkPosition(flow, logDataset.physicalName(), log, sink);
    }

    /** Log records not yet applied; -1 when the log cannot be asked. */
    public long lag() {
        try {
            return sink.checkpoint().lagBehind(log.endOffsets(logDataset.physicalName()));
        } catch (HeadwaterException e) {
            return -1;
        }
    }

    /**
     * Asks the consumer to apply the last {@code records} log records it already applied once more,
     * with the checkpoint it already has: a duplicate delivery, as after a crash before the offset
     * commit. It seeks back that many offsets from its position (never before a partition's start)
     * at its next batch boundary. The result names exactly the records re-delivered; it fails if the
     * consumer stops first or the re-delivery fails (which stops the consumer, as any apply failure).
     */
    public CompletableFuture<DeliveryFault> redeliver(int records) {
        requirePositive(records);
        return faults.redeliver(records);
    }

    /**
     * Asks the consumer to skip the next {@code records} log records it reads: the checkpoint moves
     * past them, but they are never applied (a buggy consumer). The result completes once the last
     * of them is committed as skipped, naming exactly the records dropped; if the consumer stops
     * first, it completes with those dropped so far.
     */
    public CompletableFuture<DeliveryFault> drop(int records) {
        requirePositive(records);
        return faults.drop(records);
    }

    private static void requirePositive(int records) {
        if (records <= 0) {
            throw new IllegalArgumentException("the number of records must be positive, was " + records);
        }
    }

    /** Stops applying (the consumer keeps its place) until {@link #resume()}. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    public boolean isPaused() {
        return paused;
    }

    /** Stops the loop and waits up to 10 s for it to finish its batch. */
    @Override
    public void close() {
        stopping = true;
        if (!started) {
            return;
        }
        try {
            if (!finished.await(10, TimeUnit.SECONDS)) {
                LOG.warn("flow {} did not stop within 10 s", flow.id());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
