package io.headwater.app.runtime;

import io.headwater.connectors.jdbc.JdbcEndpoint;
import io.headwater.connectors.kafka.KafkaEventLog;
import io.headwater.connectors.verify.CrossEngineSides;
import io.headwater.connectors.verify.KafkaTopicVerifySide;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.integrity.BisectionListener;
import io.headwater.engine.integrity.CatchUp;
import io.headwater.engine.integrity.ExpiredByTtl;
import io.headwater.engine.integrity.Finding;
import io.headwater.engine.integrity.FindingCounts;
import io.headwater.engine.integrity.FindingSink;
import io.headwater.engine.integrity.FindingType;
import io.headwater.engine.integrity.InFlightResolver;
import io.headwater.engine.integrity.ReaderVerifySide;
import io.headwater.engine.integrity.RowsVerifySide;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.integrity.Verifier;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DeleteHandling;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.pipeline.FlowConsumer;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.engine.spi.VerifySide;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies one flow of an open pipeline end to end, whoever runs it: change capture (a record table
 * against its topic's latest values), a consumer (the record table seen through the flow's mapping,
 * composed through the log, against the derived store), a consumer of an event-sourced record (the
 * events folded up to the store's checkpoint), or a copy between two datasets with no log between
 * them. Each system is reached through its adapter, read-only when attached. Differences are then
 * re-checked after the flow has caught up — through the consumer's checkpoint when Headwater runs
 * it, the flow's observed position when it runs elsewhere, or its grace period — so that changes
 * still in flight are not reported as corruption; a copy may also declare an in-flight window on its
 * source's timestamp. A key absent from a cache whose flow declares {@code ttl} is counted as
 * expired, not missing. Not thread-safe: one verification at a time per instance.
 */
public final class FlowVerification {
    private static final Duration TOPIC_READ_TIMEOUT = Duration.ofSeconds(60);
    private static final int EVENT_ATTEMPTS = 3;

    private final LivePipeline runtime;
    private final VerifyOptions options;
    private final BisectionListener steps;

    public FlowVerification(LivePipeline runtime, VerifyOptions options) {
        this(runtime, options, BisectionListener.NONE);
    }

    /** As above, telling {@code steps} every step of the bisection (for the workbench's step-through view). */
    public FlowVerification(LivePipeline runtime, VerifyOptions options, BisectionListener steps) {
        this.runtime = runtime;
        this.options = options;
        this.steps = steps;
    }

    /**
     * The flows that can be verified: change capture into a log, consumers of a captured topic or
     * of an event-sourced record, and copies (or transforms) between two datasets.
     */
    public static List<Flow> verifiableFlows(Pipeline pipeline) {
        return pipeline.flows().stream().filter(f -> switch (f.kind()) {
            case CDC, COPY, TRANSFORM -> true;
            case CONSUME -> captureOf(pipeline, f) != null || eventSourced(pipeline, f);
            case REPLAY -> false;
        }).toList();
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
        if (flow.observe().deleteHandling() == DeleteHandling.KEEP) {
            return keptDeletes(flow, verifyAsDeclared(flow, cancellation, progress, f -> allFindings.accept(keptDeleted(flow, f))));
        }
        return verifyAsDeclared(flow, cancellation, progress, allFindings);
    }

    private VerificationResult verifyAsDeclared(Flow flow, Cancellation cancellation, ProgressListener progress, FindingSink allFindings) {
        Pipeline pipeline = runtime.pipeline();
        return switch (flow.kind()) {
            case CDC -> verifyCapture(flow, cancellation, progress, allFindings);
            case COPY, TRANSFORM -> verifyCopy(flow, cancellation, progress, allFindings);
            case CONSUME -> {
                if (eventSourced(pipeline, flow)) {
                    FlowConsumer consumer = runtime.consumer(flow.to()).orElseThrow(() -> new HeadwaterException("flow " + flow.id()
                            + " keeps a store from an event-sourced record outside headwater; this version verifies such a store only when "
                            + "headwater runs its consumer (it folds the events up to the store's own checkpoint)"));
                    yield verifyEvents(flow, consumer.sink(), flow.to().toString(), cancellation, progress, allFindings);
                }
                Flow capture = requireCapture(flow);
                Dataset source = pipeline.requireDataset(capture.from());
                Dataset target = pipeline.requireDataset(flow.to());
                Flow composed = flow.between(source.ref(), target.ref());
                try (VerifySide sourceSide = mappedSide(source, target, composed); VerifySide targetSide = storedSide(source, target, composed)) {
                    yield compare(flow, sourceSide, targetSide, catchUp(flow), key -> null, cancellation, progress, allFindings);
                }
            }
            case REPLAY -> throw new HeadwaterException("flow " + flow.id() + " is a replay: it is verified as the store it rebuilds");
        };
    }

    /**
     * A flow whose sink keeps the records deleted at the source ({@code deletes: keep}, a sink connector
     * that ignores tombstones): every record found in the target only is such a record, expected and
     * counted apart, not corruption. (Without a log of the deletes, a record written into the target
     * with no source record at all cannot be told apart from one kept after a delete.)
     */
    private static VerificationResult keptDeletes(Flow flow, VerificationResult r) {
        FindingCounts counts = r.counts();
        FindingCounts moved = counts.plus(FindingType.KEPT_DELETED, counts.extra()).plus(FindingType.EXTRA, -counts.extra());
        return r.withFindings(moved, r.findings().stream().map(f -> keptDeleted(flow, f)).toList(), Duration.ZERO);
    }

    private static Finding keptDeleted(Flow flow, Finding f) {
        return f.type() != FindingType.EXTRA ? f : f.reclassified(FindingType.KEPT_DELETED,
                "flow " + flow.id() + " declares deletes: keep, so its sink keeps records deleted at the source");
    }

    /**
     * Verifies a store that is not (yet) the live one, e.g. a rebuild's shadow, through its own
     * reader; {@code catchUp} brings it level with the log for the re-check of differences.
     */
    public VerificationResult verifySink(Flow flow, DerivedSink sink, CatchUp catchUp, Cancellation cancellation,
                                         ProgressListener progress, FindingSink allFindings) {
        Pipeline pipeline = runtime.pipeline();
        if (eventSourced(pipeline, flow)) {
            return verifyEvents(flow, sink, sink.dataset().ref() + " (shadow)", cancellation, progress, allFindings);
        }
        Flow capture = requireCapture(flow);
        Dataset source = pipeline.requireDataset(capture.from());
        Dataset target = sink.dataset();
        Flow composed = flow.between(source.ref(), target.ref());
        try (VerifySide sourceSide = mappedSide(source, target, composed);
             VerifySide targetSide = new ReaderVerifySide(target.ref() + " (shadow)", sink.reader(), target.fields())) {
            return compare(flow, sourceSide, targetSide, catchUp, key -> null, cancellation, progress, allFindings);
        }
    }

    private Flow requireCapture(Flow flow) {
        Flow capture = captureOf(runtime.pipeline(), flow);
        if (capture == null) {
            throw new HeadwaterException("flow " + flow.id() + " does not read a change-capture topic: nothing to verify it against");
        }
        return capture;
    }

    /** {@code source}, a table of the record, seen through the flow: computed in its database. */
    private VerifySide mappedSide(Dataset source, Dataset target, Flow composed) {
        return runtime.adapter(source.ref().system()).mappedSide(source, target, composed).orElseThrow(() -> new HeadwaterException(
                source.ref() + " is in a " + runtime.pipeline().systemOf(source.ref()).kind().configName()
                        + " system, which cannot evaluate the mapping of flow " + composed.id() + " itself"));
    }

    /** The mapped source and the stored target, the first closed again when the second cannot be opened. */
    private CrossEngineSides.SidePair sidesOf(Dataset source, Dataset target, Flow flow) {
        VerifySide sourceSide = mappedSide(source, target, flow);
        try {
            return new CrossEngineSides.SidePair(sourceSide, storedSide(source, target, flow));
        } catch (RuntimeException e) {
            sourceSide.close();
            throw e;
        }
    }

    /** {@code target} as its store holds it. */
    private VerifySide storedSide(Dataset source, Dataset target, Flow composed) {
        return runtime.adapter(target.ref().system()).storedSide(source, target, composed).orElseThrow(() -> new HeadwaterException(
                target.ref() + " is in a " + runtime.pipeline().systemOf(target.ref()).kind().configName()
                        + " system, which this version cannot verify"));
    }

    /**
     * Compares the sides; a key missing from a cache whose flow declares {@code ttl} is counted as
     * expired ({@link ExpiredByTtl}), and the differences left are re-checked for changes in flight.
     */
    private VerificationResult compare(Flow flow, VerifySide sourceSide, VerifySide targetSide, CatchUp catchUp,
                                       InFlightResolver.RecentChanges recent, Cancellation cancellation, ProgressListener progress,
                                       FindingSink allFindings) {
        List<Finding> collected = new ArrayList<>();
        VerificationResult verified = new Verifier(options).withSteps(steps).withFindingSink(collected::add).verify(sourceSide, targetSide, cancellation, progress);
        VerificationResult first = flow.ttlOpt().map(ttl -> new ExpiredByTtl(ttl, options.maxKeysListed())
                .reclassify(verified, collected, sourceSide.keyOrder())).orElse(verified);
        if (first.clean()) {
            collected.forEach(allFindings::accept);
            return first;
        }
        return new InFlightResolver(sourceSide, targetSide, catchUp).withMaxKeysListed(options.maxKeysListed()).withFindingSink(allFindings)
                .withRecentChanges(recent).resolve(first, collected, cancellation);
    }

    /**
     * A copy between two datasets with no log between them: the source through the flow's mapping
     * against the target as stored. Lacking a position to observe, a difference on a row the source
     * changed within the flow's {@code in-flight} window is in flight; any other is re-checked once
     * after the flow's grace period.
     */
    private VerificationResult verifyCopy(Flow flow, Cancellation cancellation, ProgressListener progress, FindingSink allFindings) {
        Pipeline pipeline = runtime.pipeline();
        Dataset source = pipeline.requireDataset(flow.from());
        Dataset target = pipeline.requireDataset(flow.to());
        Optional<JdbcEndpoint> from = runtime.adapter(flow.from().system()).capability(JdbcEndpoint.class);
        Optional<JdbcEndpoint> to = runtime.adapter(flow.to().system()).capability(JdbcEndpoint.class);
        // Two SQL tables are compared column pair by column pair, as a careful person would across engines.
        CrossEngineSides.SidePair pair = from.isPresent() && to.isPresent()
                ? CrossEngineSides.open(from.get(), source, to.get(), target, flow, null) : sidesOf(source, target, flow);
        try (pair) {
            VerifySide sourceSide = pair.source();
            VerifySide targetSide = pair.target();
            InFlightResolver.RecentChanges recent = flow.observe().inFlightOpt()
                    .<InFlightResolver.RecentChanges>map(window -> new InFlightWindow(runtime.adapter(source.ref().system()), source, flow, window))
                    .orElse(key -> null);
            return compare(flow, sourceSide, targetSide, FlowCatchUp.graceOnly(flow, () -> { }), recent, cancellation, progress, allFindings);
        }
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
            try (KafkaTopicVerifySide sourceSide = KafkaTopicVerifySide.readEvents(runtime.eventLogOf(events.ref()), events, target, flow, runtime.decoder(),
                    snapshot.upTo(events.physicalName(), runtime.eventLogOf(events.ref()).partitions(events.physicalName())), TOPIC_READ_TIMEOUT);
                 VerifySide targetSide = new RowsVerifySide(label + " at " + snapshot.checkpoint().encode(),
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
        try (VerifySide sourceSide = mappedSide(source, topic, flow);
             RefreshableSide topicSide = new RefreshableSide(() -> KafkaTopicVerifySide.read(runtime.eventLogOf(topic.ref()), topic, TOPIC_READ_TIMEOUT))) {
            // Not the replication slot: Kafka Connect confirms a slot's position only when it commits its offsets
            // (every minute by default), long after the changes are in the topic. The topic itself is read again.
            return compare(flow, sourceSide, topicSide, FlowCatchUp.graceOnly(flow, topicSide::refresh), key -> null, cancellation, progress, allFindings);
        }
    }

    private CatchUp catchUp(Flow flow) {
        String topic = runtime.pipeline().requireDataset(flow.from()).physicalName();
        KafkaEventLog log = runtime.eventLogOf(flow.from());
        if (!flow.external()) {
            FlowConsumer consumer = runtime.consumer(flow.to()).orElseThrow(() -> new HeadwaterException("no consumer runs flow " + flow.id()));
            return FlowCatchUp.ofConsumer(consumer, log, topic);
        }
        return runtime.position(flow.id()).map(position -> FlowCatchUp.observed(flow, position, () -> { }))
                .orElseGet(() -> FlowCatchUp.graceOnly(flow, () -> { }));
    }
}
