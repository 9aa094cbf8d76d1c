package io.headwater.app.runtime;

import io.headwater.connectors.jdbc.ConnectionSource;
import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.connectors.verify.KafkaTopicVerifySide;
import io.headwater.connectors.verify.SqlVerifySide;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.integrity.CatchUp;
import io.headwater.engine.integrity.Finding;
import io.headwater.engine.integrity.FindingSink;
import io.headwater.engine.integrity.InFlightResolver;
import io.headwater.engine.integrity.ReaderVerifySide;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.integrity.Verifier;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.pipeline.FlowConsumer;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.PartitionRef;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.engine.spi.VerifySide;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Verifies one consume flow of a running pipeline end to end: the system-of-record table, seen
 * through the flow's mapping (pushed down into PostgreSQL), against the derived store; then
 * re-checks each difference after the store has caught up, so that changes still in flight are
 * not reported as corruption. Not thread-safe: one verification at a time per instance.
 */
public final class FlowVerification {
    /** How long a committed change may take to reach the log (Debezium polls every 20 ms and batches). */
    static final Duration CAPTURE_GRACE = Duration.ofMillis(1500);
    private static final Duration TOPIC_READ_TIMEOUT = Duration.ofSeconds(60);
    private static final int EVENT_ATTEMPTS = 3;

    private final EmbeddedPipeline runtime;
    private final VerifyOptions options;
    private final io.headwater.engine.integrity.BisectionListener steps;

    public FlowVerification(EmbeddedPipeline runtime, VerifyOptions options) {
        this(runtime, options, io.headwater.engine.integrity.BisectionListener.NONE);
    }

    /** As above, telling {@code steps} every step of the bisection (for the workbench's step-through view). */
    public FlowVerification(EmbeddedPipeline runtime, VerifyOptions options, io.headwater.engine.integrity.BisectionListener steps) {
        this.runtime = runtime;
        this.options = options;
        this.steps = steps;
    }

    /**
     * The flows that can be verified against a system-of-record table: change capture into a log
     * (the topic read as latest value per key), and consumers of a captured topic.
     */
    public static List<Flow> verifiableFlows(Pipeline pipeline) {
        return pipeline.flows().stream()
                .filter(f -> f.kind() == FlowKind.CDC || f.kind() == FlowKind.CONSUME && (captureOf(pipeline, f) != null || eventSourced(pipeline, f)))
                .toList();
    }

    /** Whether a flow consumes an event-sourced system of record (its events are the record). */
    static boolean eventSourced(Pipeline pipeline, Flow flow) {
        return flow.kind() == FlowKind.CONSUME && pipeline.systemOf(flow.from()).eventSourced();
    }

    static Flow captureOf(Pipeline pipeline, Flow consume) {
        return pipeline.flowsInto(consume.from()).stream().filter(c -> c.kind() == FlowKind.CDC).findFirst().orElse(null);
    }

    /**
     * Verifies one flow; all findings (not only the listed ones) go to {@code allFindings}.
     *
     * @throws HeadwaterException when a system fails during the run: never a clean result then
     */
    public VerificationResult verify(Flow flow, Cancellation cancellation, ProgressListener progress, FindingSink allFindings) {
        Pipeline pipeline = runtime.pipeline();
        if (flow.kind() == FlowKind.CDC) {
            return verifyCapture(flow, cancellation, progress, allFindings);
        }
        if (eventSourced(pipeline, flow)) {
            FlowConsumer consumer = runtime.consumer(flow.to()).orElseThrow(() -> new HeadwaterException("no consumer runs flow " + flow.id()));
            return verifyEvents(flow, consumer.sink(), flow.to().toString(), cancellation, progress, allFindings);
        }
        Flow capture = captureOf(pipeline, flow);
        if (capture == null) {
            throw new HeadwaterException("flow " + flow.id() + " does not read a change-capture topic: nothing to verify it against");
        }
        Dataset source = pipeline.requireDataset(capture.from());
        Dataset target = pipeline.requireDataset(flow.to());
        Flow composed = new Flow(flow.id(), flow.kind(), source.ref(), target.ref(), flow.mapping());
        try (VerifySide sourceSide = SqlVerifySide.forFlow(recordConnections(), SqlDialect.POSTGRES, source, target, composed);
             VerifySide targetSide = targetSide(pipeline, source, target, composed)) {
            return compare(sourceSide, targetSide, catchUp(flow), cancellation, progress, allFindings);
        }
    }

    /**
     * Verifies a store that is not (yet) the live one, e.g. a rebuild's shadow, through its own
     * reader; {@code catchUp} brings it level with the log for the re-check of differences.
     */
    public VerificationResult verifySink(Flow flow, io.headwater.engine.spi.DerivedSink sink, CatchUp catchUp, Cancellation cancellation,
                                         ProgressListener progress, FindingSink allFindings) {
        Pipeline pipeline = runtime.pipeline();
        if (eventSourced(pipeline, flow)) {
            return verifyEvents(flow, sink, sink.dataset().ref() + " (shadow)", cancellation, progress, allFindings);
        }
        Flow capture = captureOf(pipeline, flow);
        if (capture == null) {
            throw new HeadwaterException("flow " + flow.id() + " does not read a change-capture topic: nothing to verify it against");
        }
        Dataset source = pipeline.requireDataset(capture.from());
        Dataset target = sink.dataset();
        Flow composed = new Flow(flow.id(), flow.kind(), source.ref(), target.ref(), flow.mapping());
        try (VerifySide sourceSide = SqlVerifySide.forFlow(recordConnections(), SqlDialect.POSTGRES, source, target, composed);
             VerifySide targetSide = new ReaderVerifySide(target.ref() + " (shadow)", sink.reader(), target.fields())) {
            return compare(sourceSide, targetSide, catchUp, cancellation, progress, allFindings);
        }
    }

    private VerificationResult compare(VerifySide sourceSide, VerifySide targetSide, CatchUp catchUp, Cancellation cancellation,
                                       ProgressListener progress, FindingSink allFindings) {
        List<Finding> collected = new ArrayList<>();
        VerificationResult first = new Verifier(options).withSteps(steps).withFindingSink(collected::add).verify(sourceSide, targetSide, cancellation, progress);
        if (first.clean()) {
            collected.forEach(allFindings::accept);
            return first;
        }
        return new InFlightResolver(sourceSide, targetSide, catchUp).withMaxKeysListed(options.maxKeysListed()).withFindingSink(allFindings)
                .resolve(first, collected, cancellation);
    }

    /**
     * A store derived from an event-sourced record against the events themselves: the store is read
     * together with its checkpoint, and the events up to exactly that checkpoint are folded through the
     * flow into what the store must hold, so nothing is in flight. The store's rows and checkpoint are
     * read as a pair only when the checkpoint did not move during the read; a store that keeps moving
     * is compared again (up to {@value #EVENT_ATTEMPTS} times), and only differences that persist are reported.
     */
    private VerificationResult verifyEvents(Flow flow, io.headwater.engine.spi.DerivedSink sink, String label, Cancellation cancellation,
                                            ProgressListener progress, FindingSink allFindings) {
        Dataset events = runtime.pipeline().requireDataset(flow.from());
        Dataset target = sink.dataset();
        VerificationResult result = null;
        List<Finding> collected = new ArrayList<>();
        for (int attempt = 1; attempt <= EVENT_ATTEMPTS; attempt++) {
            StoreSnapshot snapshot = StoreSnapshot.read(sink);
            collected.clear();
            try (KafkaTopicVerifySide sourceSide = KafkaTopicVerifySide.readEvents(runtime.eventLog(), events, target, flow, runtime.decoder(),
                    snapshot.upTo(events.physicalName(), runtime.eventLog().partitions(events.physicalName())), TOPIC_READ_TIMEOUT);
                 VerifySide targetSide = new io.headwater.engine.integrity.RowsVerifySide(label + " at " + snapshot.checkpoint().encode(),
                         sourceSide.form(), sourceSide.keyOrder(), snapshot.rows())) {
                result = new Verifier(options).withFindingSink(collected::add).verify(sourceSide, targetSide, cancellation, progress);
            }
            if (result.clean() || !snapshot.moving()) {
                break;
            }
        }
        collected.forEach(allFindings::accept);
        return result;
    }

    /** The log against the system of record: every table's rows against its topic's latest value per key. */
    private VerificationResult verifyCapture(Flow flow, Cancellation cancellation, ProgressListener progress, FindingSink allFindings) {
        Pipeline pipeline = runtime.pipeline();
        Dataset source = pipeline.requireDataset(flow.from());
        Dataset topic = pipeline.requireDataset(flow.to());
        try (VerifySide sourceSide = SqlVerifySide.forFlow(recordConnections(), SqlDialect.POSTGRES, source, topic, flow);
             RefreshableSide topicSide = new RefreshableSide(() -> KafkaTopicVerifySide.read(runtime.eventLog(), topic, TOPIC_READ_TIMEOUT))) {
            List<Finding> collected = new ArrayList<>();
            VerificationResult first = new Verifier(options).withSteps(steps).withFindingSink(collected::add).verify(sourceSide, topicSide, cancellation, progress);
            if (first.clean()) {
                collected.forEach(allFindings::accept);
                return first;
            }
            CatchUp reread = new CatchUp() {
                @Override
                public boolean awaitCaughtUp(Duration timeout) {
                    topicSide.refresh();
                    return true;
                }

                @Override
                public Duration captureGrace() {
                    return CAPTURE_GRACE;
                }
            };
            return new InFlightResolver(sourceSide, topicSide, reread).withMaxKeysListed(options.maxKeysListed()).withFindingSink(allFindings)
                    .resolve(first, collected, cancellation);
        }
    }

    private ConnectionSource recordConnections() {
        return () -> runtime.recordDataSource().orElseThrow(() -> new HeadwaterException("the system of record is not an embedded PostgreSQL"))
                .getConnection();
    }

    private VerifySide targetSide(Pipeline pipeline, Dataset source, Dataset target, Flow composed) {
        SystemSpec system = pipeline.systemOf(target.ref());
        if (system.kind() == SystemKind.H2) {
            String url = new StoreLayout(pipeline).h2Url(system);
            return SqlVerifySide.forDerived(() -> DriverManager.getConnection(url), SqlDialect.H2, source, target, composed);
        }
        return new ReaderVerifySide(target.ref().toString(), runtime.reader(target.ref()), target.fields());
    }

    private CatchUp catchUp(Flow flow) {
        FlowConsumer consumer = runtime.consumer(flow.to()).orElseThrow(() -> new HeadwaterException("no consumer runs flow " + flow.id()));
        String topic = runtime.pipeline().requireDataset(flow.from()).physicalName();
        return new CatchUp() {
            @Override
            public boolean awaitCaughtUp(Duration timeout) {
                Map<PartitionRef, Long> end = runtime.eventLog().endOffsets(topic);
                long deadline = System.nanoTime() + timeout.toNanos();
                while (!covers(consumer.sink().checkpoint(), end)) {
                    if (System.nanoTime() > deadline || consumer.failure().isPresent()) {
                        return false;
                    }
                    sleep(50);
                }
                return true;
            }

            @Override
            public Duration captureGrace() {
                return CAPTURE_GRACE;
            }
        };
    }

    private static boolean covers(Checkpoint checkpoint, Map<PartitionRef, Long> end) {
        return end.entrySet().stream().allMatch(e -> checkpoint.next(e.getKey()) >= e.getValue());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HeadwaterException("interrupted while waiting for catch-up", e);
        }
    }
}
