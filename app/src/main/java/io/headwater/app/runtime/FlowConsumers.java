package io.headwater.app.runtime;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.pipeline.FlowConsumer;
import io.headwater.engine.spi.ChangeDecoder;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.EventLog;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumers Headwater runs for the consume flows it runs itself: one {@link FlowConsumer} per
 * flow, each on a named thread, applying its log's events to its sink. Stops and restarts one on
 * request, and swaps a rebuilt shadow in. Closing stops every consumer and closes every sink.
 * Thread-safe.
 */
final class FlowConsumers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FlowConsumers.class);

    private final Pipeline pipeline;
    private final Function<Flow, EventLog> logs;
    private final ChangeDecoder decoder;
    private final List<FlowConsumer> consumers = new CopyOnWriteArrayList<>();
    /** Consumers stopped on request ({@link #stop}); their stores stay open and keep their checkpoints. */
    private final Set<FlowConsumer> stopped = ConcurrentHashMap.newKeySet();

    /**
     * @param logs the log each flow reads (its source system's)
     */
    FlowConsumers(Pipeline pipeline, Function<Flow, EventLog> logs, ChangeDecoder decoder) {
        this.pipeline = pipeline;
        this.logs = logs;
        this.decoder = decoder;
    }

    /** Starts a consumer of {@code flow} into {@code sink}, which it owns from now on. */
    synchronized void start(Flow flow, DerivedSink sink) {
        FlowConsumer consumer = newConsumer(flow, sink);
        consumers.add(consumer);
        NamedThreads.start("consume-" + flow.id(), consumer);
    }

    private FlowConsumer newConsumer(Flow flow, DerivedSink sink) {
        return new FlowConsumer(flow, pipeline.requireDataset(flow.from()), logs.apply(flow), decoder, sink, Clock.systemUTC());
    }

    List<FlowConsumer> all() {
        return List.copyOf(consumers);
    }

    /** The consumer feeding a derived dataset, if Headwater runs one. */
    Optional<FlowConsumer> feeding(DatasetRef ref) {
        return consumers.stream().filter(c -> c.flow().to().equals(ref)).findFirst();
    }

    /**
     * Swaps a rebuilt shadow in for the live store of {@code flow}: stops the live consumer after its
     * batch, lets {@code levelUp} bring the shadow level with the log, promotes it atomically, and
     * starts a consumer on it. The old sink is closed.
     */
    synchronized void promote(Flow flow, DerivedSink shadow, Consumer<DerivedSink> levelUp) {
        FlowConsumer old = feeding(flow.to()).orElseThrow(() -> new HeadwaterException("no consumer runs flow " + flow.id()));
        old.close();
        consumers.remove(old);
        levelUp.accept(shadow);
        DerivedSink live = old.sink();
        live.promote(shadow);
        live.close();
        start(flow, shadow);
    }

    /** Stops the consumer of a flow after its batch in hand; its store stays open with its checkpoint. */
    synchronized void stop(String flowId) {
        FlowConsumer c = ofFlow(flowId);
        if (stopped.add(c)) {
            c.close();
        }
    }

    /** Starts the consumer of a flow again from its store's checkpoint, after {@link #stop} or a failure. */
    synchronized void restart(String flowId) {
        FlowConsumer old = ofFlow(flowId);
        if (!stopped.contains(old) && old.failure().isEmpty()) {
            return;
        }
        old.close();
        FlowConsumer fresh = newConsumer(old.flow(), old.sink());
        consumers.set(consumers.indexOf(old), fresh);
        stopped.remove(old);
        NamedThreads.start("consume-" + old.flow().id(), fresh);
    }

    /** Whether the consumer of a flow runs: not stopped on request, not stopped by a failure. */
    boolean running(String flowId) {
        FlowConsumer c = ofFlow(flowId);
        return !stopped.contains(c) && c.failure().isEmpty();
    }

    /** Whether every consumer has applied everything in its log. */
    boolean caughtUp() {
        return consumers.stream().allMatch(c -> c.failure().isEmpty() && c.lag() == 0);
    }

    private FlowConsumer ofFlow(String flowId) {
        return consumers.stream().filter(c -> c.flow().id().equals(flowId)).findFirst().orElseThrow(() -> new HeadwaterException(
                "no consumer runs flow '" + flowId + "' in pipeline " + pipeline.name() + "; consume flows headwater runs: "
                        + consumers.stream().map(c -> c.flow().id()).toList()));
    }

    @Override
    public synchronized void close() {
        for (int i = consumers.size() - 1; i >= 0; i--) {
            FlowConsumer c = consumers.get(i);
            closeQuietly(c);
            closeQuietly(c.sink());
        }
        consumers.clear();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("while stopping {}: {}", c.getClass().getSimpleName(), e.getMessage(), e);
        }
    }
}
