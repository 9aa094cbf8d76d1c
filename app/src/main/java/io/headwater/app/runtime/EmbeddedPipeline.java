package io.headwater.app.runtime;

import io.headwater.connectors.debezium.CaptureRoute;
import io.headwater.connectors.debezium.DebeziumCapture;
import io.headwater.connectors.debezium.SourceDatabase;
import io.headwater.connectors.demo.LedgerWriter;
import io.headwater.connectors.events.LogDecoders;
import io.headwater.engine.spi.ChangeDecoder;
import io.headwater.connectors.demo.DemoDataGenerator;
import io.headwater.connectors.demo.DemoSchema;
import io.headwater.connectors.kafka.EmbeddedKafkaBroker;
import io.headwater.connectors.kafka.KafkaEventLog;
import io.headwater.connectors.kafka.KafkaMonitor;
import io.headwater.connectors.postgres.EmbeddedPostgresServer;
import io.headwater.connectors.postgres.PostgresMonitor;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Secret;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.pipeline.DataDirLock;
import io.headwater.engine.pipeline.FlowConsumer;
import io.headwater.engine.pipeline.LatencyRecorder;
import io.headwater.engine.pipeline.PipelineRuntime;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.engine.spi.SystemMonitor;
import io.headwater.engine.status.DatasetStatus;
import io.headwater.engine.status.SystemStatus;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pipeline running for real: embedded PostgreSQL and Kafka started inside the data directory
 * (or external ones reached at their addresses), Debezium capturing each system of record into its
 * topics, and one {@link FlowConsumer} per consume flow keeping a derived store up to date.
 * Starting claims the data directory ({@link DataDirLock}); closing stops everything in reverse
 * order and releases it. Thread-safe.
 */
public final class EmbeddedPipeline implements PipelineRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPipeline.class);

    /**
     * @param command        how this run is described to other processes ({@code headwater demo})
     * @param demoData       create the demo schema and seed it when empty
     * @param seed           the demo data's random seed
     */
    public record Options(String command, boolean demoData, long seed) {
        public static Options demo(long seed) {
            return new Options("headwater demo", true, seed);
        }
    }

    private final Pipeline pipeline;
    private final StoreLayout layout;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final Map<String, SystemMonitor> monitors = new LinkedHashMap<>();
    private final List<FlowConsumer> consumers = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Consumers stopped on request ({@link #stopConsumer}); their stores stay open and keep their checkpoints. */
    private final java.util.Set<FlowConsumer> stoppedConsumers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<DebeziumCapture> captures = new ArrayList<>();
    private DataDirLock lock;
    private EmbeddedPostgresServer postgres;
    private KafkaEventLog eventLog;
    private EmbeddedKafkaBroker broker;
    private StatusPublisher publisher;

    private EmbeddedPipeline(Pipeline pipeline) {
        this.pipeline = pipeline;
        this.layout = new StoreLayout(pipeline);
        this.decoder = LogDecoders.forPipeline(pipeline);
    }

    /** Starts every system and flow of the pipeline; on failure stops what it had started and rethrows. */
    public static EmbeddedPipeline start(Pipeline pipeline, Options options, ProgressListener progress) {
        EmbeddedPipeline p = new EmbeddedPipeline(pipeline);
        try {
            p.startAll(options, progress);
            return p;
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    private void startAll(Options options, ProgressListener progress) {
        int steps = 6;
        progress.progress(0, steps, "Claiming data directory " + pipeline.dataDir());
        lock = DataDirLock.acquire(pipeline.dataDir(), options.command());
        opened.push(lock);

        SystemSpec record = single(Role.RECORD, SystemKind.POSTGRES);
        progress.progress(1, steps, "Starting PostgreSQL (" + record.id() + ")");
        startRecord(record, options);

        SystemSpec log = single(Role.LOG, SystemKind.KAFKA);
        progress.progress(2, steps, "Starting Kafka (" + log.id() + ")");
        startLog(log);
        startEventSourcedRecords(log, options);

        progress.progress(3, steps, "Starting change capture");
        startCapture(record);

        progress.progress(4, steps, "Opening derived stores");
        startConsumers();

        progress.progress(5, steps, "Waiting for the initial snapshot");
        awaitStreaming();

        publisher = new StatusPublisher(this, layout.statusFile());
        opened.push(publisher);
        NamedThreads.start("status-publisher", publisher);
        progress.progress(6, steps, "Live");
    }

    private SystemSpec single(Role role, SystemKind kind) {
        List<SystemSpec> found = pipeline.systems().stream().filter(s -> s.role() == role && !s.eventSourced()).toList();
        if (found.size() != 1 || found.get(0).kind() != kind) {
            throw new HeadwaterException("pipeline " + pipeline.name() + ": this version runs exactly one " + role.configName()
                    + " system of kind " + kind.configName() + ", found " + found.stream().map(s -> s.id() + " (" + s.kind().configName() + ")").toList());
        }
        return found.get(0);
    }

    private void startRecord(SystemSpec record, Options options) {
        if (record.embedded()) {
            postgres = EmbeddedPostgresServer.start(layout.systemDir(record));
            opened.push(postgres);
            lock.publish(record.id() + ".address", postgres.address());
            lock.publish(record.id() + ".jdbc", postgres.jdbcUrl());
            monitors.put(record.id(), PostgresMonitor.forEmbedded(record, postgres));
        } else {
            monitors.put(record.id(), PostgresMonitor.forSpec(record));
        }
        if (options.demoData()) {
            try (java.sql.Connection c = recordDataSource().orElseThrow().getConnection()) {
                DemoSchema.create(c);
                DemoDataGenerator generator = new DemoDataGenerator(c, options.seed());
                if (generator.isEmpty()) {
                    generator.seed(200, 1000, 60);
                }
            } catch (SQLException e) {
                throw new StoreException("cannot prepare the demo data in " + record.id() + ": " + e.getMessage(), e);
            }
        }
    }

    private void startLog(SystemSpec log) {
        String bootstrap;
        if (log.embedded()) {
            broker = EmbeddedKafkaBroker.start(layout.systemDir(log));
            opened.push(broker);
            bootstrap = broker.bootstrapServers();
            lock.publish(log.id() + ".address", bootstrap);
        } else {
            bootstrap = log.connection().address();
        }
        eventLog = new KafkaEventLog(log.id(), bootstrap);
        opened.push(eventLog);
        monitors.put(log.id(), new KafkaMonitor(log, eventLog));
    }

    /**
     * Event-sourced systems of record are topics on the log's cluster: they get a monitor, and in
     * the demo their history is seeded when empty.
     */
    private void startEventSourcedRecords(SystemSpec log, Options options) {
        for (SystemSpec s : pipeline.systems()) {
            if (!s.eventSourced()) {
                continue;
            }
            if (!s.embedded() && !s.connection().address().equals(eventLog.bootstrapServers())) {
                throw new HeadwaterException("event-sourced system " + s.id() + " is at " + s.connection().address()
                        + ": this version reads event-sourced records on the cluster of log system " + log.id() + " (" + eventLog.bootstrapServers() + ") only");
            }
            monitors.put(s.id(), new KafkaMonitor(s, eventLog));
            if (options.demoData()) {
                for (Dataset d : s.datasets()) {
                    LedgerWriter writer = new LedgerWriter(eventLog, d, options.seed());
                    if (writer.isEmpty()) {
                        writer.seed(LedgerWriter.DEMO_HISTORY);
                    }
                }
            }
        }
    }

    private void startCapture(SystemSpec record) {
        List<CaptureRoute> routes = new ArrayList<>();
        for (Flow f : pipeline.flows()) {
            if (f.kind() == FlowKind.CDC && f.from().system().equals(record.id())) {
                routes.add(new CaptureRoute(pipeline.requireDataset(f.from()).physicalName(), pipeline.requireDataset(f.to()).physicalName()));
            }
        }
        if (routes.isEmpty()) {
            return;
        }
        DebeziumCapture capture = new DebeziumCapture(sourceOf(record), routes, eventLog, layout.captureDir(record), pipeline.name());
        captures.add(capture);
        opened.push(capture);
        NamedThreads.start("capture-" + record.id(), capture);
    }

    private SourceDatabase sourceOf(SystemSpec record) {
        if (postgres != null) {
            return new SourceDatabase(record.id(), postgres.host(), postgres.port(), postgres.database(), postgres.user(),
                    Secret.literal(postgres.password()));
        }
        Connection c = record.connection();
        String address = c.address();
        int colon = address.lastIndexOf(':');
        return new SourceDatabase(record.id(), address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)),
                c.database(), c.user(), c.password());
    }

    private LogDecoders decoder;

    private void startConsumers() {
        for (Flow f : pipeline.flows()) {
            if (f.kind() != FlowKind.CONSUME) {
                continue;
            }
            SystemSpec target = pipeline.systemOf(f.to());
            Dataset dataset = pipeline.requireDataset(f.to());
            DerivedSink sink = DerivedStores.open(layout, target, dataset, f);
            opened.push(sink);
            FlowConsumer consumer = new FlowConsumer(f, pipeline.requireDataset(f.from()), eventLog, decoder, sink, Clock.systemUTC());
            consumers.add(consumer);
            opened.push(consumer);
            NamedThreads.start("consume-" + f.id(), consumer);
        }
    }

    private void awaitStreaming() {
        long deadline = System.nanoTime() + 120_000_000_000L;
        for (DebeziumCapture c : captures) {
            while (!c.isStreaming()) {
                c.failure().ifPresent(e -> {
                    throw e;
                });
                if (System.nanoTime() > deadline) {
                    throw new HeadwaterException("change capture did not finish its initial snapshot within 120 s");
                }
                sleep(50);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HeadwaterException("interrupted while starting the pipeline", e);
        }
    }

    @Override
    public Pipeline pipeline() {
        return pipeline;
    }

    /**
     * Serves commands of other processes on this data directory (see {@link ControlChannel}):
     * each is run by {@code executor} with this pipeline at hand.
     */
    public synchronized void serveControl(java.util.function.Function<ControlChannel.Request, Integer> executor) {
        ControlChannel channel = new ControlChannel(pipeline.dataDir(), executor);
        opened.push(channel);
        NamedThreads.start("control", channel);
    }

    /** The sink of a derived dataset, if a consume flow of this pipeline feeds it. */
    public Optional<DerivedSink> sink(io.headwater.engine.model.DatasetRef ref) {
        return consumers.stream().filter(c -> c.flow().to().equals(ref)).map(FlowConsumer::sink).findFirst();
    }

    /** The consumer feeding a derived dataset, if any. */
    public Optional<FlowConsumer> consumer(io.headwater.engine.model.DatasetRef ref) {
        return consumers.stream().filter(c -> c.flow().to().equals(ref)).findFirst();
    }

    /** A data source on the system of record (for the demo's load generator). */
    public Optional<DataSource> recordDataSource() {
        return Optional.ofNullable(postgres).map(EmbeddedPostgresServer::dataSource);
    }

    /** A reader on one derived dataset of this pipeline; close it when done. */
    public io.headwater.engine.spi.DatasetReader reader(io.headwater.engine.model.DatasetRef ref) {
        SystemSpec system = pipeline.systemOf(ref);
        return DerivedStores.reader(layout, system, pipeline.requireDataset(ref));
    }

    /** The decoder of this pipeline's topics: change events of captured tables, plain events of event-sourced records. */
    public ChangeDecoder decoder() {
        return decoder;
    }

    /**
     * Swaps a rebuilt shadow in for the live store of {@code flow}: stops the live consumer after
     * its batch, lets {@code levelUp} bring the shadow level with the log, promotes it atomically,
     * and starts a consumer on it. The old sink is closed.
     */
    public synchronized void promote(Flow flow, DerivedSink shadow, java.util.function.Consumer<DerivedSink> levelUp) {
        FlowConsumer old = consumer(flow.to()).orElseThrow(() -> new HeadwaterException("no consumer runs flow " + flow.id()));
        old.close();
        consumers.remove(old);
        opened.remove(old);
        levelUp.accept(shadow);
        DerivedSink live = old.sink();
        live.promote(shadow);
        opened.remove(live);
        live.close();
        opened.push(shadow);
        FlowConsumer fresh = new FlowConsumer(flow, pipeline.requireDataset(flow.from()), eventLog, decoder, shadow, Clock.systemUTC());
        consumers.add(fresh);
        opened.push(fresh);
        NamedThreads.start("consume-" + flow.id(), fresh);
    }

    /**
     * Stops the consumer of a consume flow after its batch in hand: its store stays open with its
     * checkpoint and stops following the log, so its lag grows. Does nothing when it is stopped already.
     */
    public synchronized void stopConsumer(String flowId) {
        FlowConsumer c = consumerOfFlow(flowId);
        if (stoppedConsumers.add(c)) {
            c.close();
        }
    }

    /**
     * Starts the consumer of a consume flow again, from its store's checkpoint: after a
     * {@link #stopConsumer} or after it stopped on a failure. Does nothing when it is running.
     */
    public synchronized void startConsumer(String flowId) {
        FlowConsumer old = consumerOfFlow(flowId);
        if (!stoppedConsumers.contains(old) && old.failure().isEmpty()) {
            return;
        }
        old.close();
        Flow flow = old.flow();
        FlowConsumer fresh = new FlowConsumer(flow, pipeline.requireDataset(flow.from()), eventLog, decoder, old.sink(), Clock.systemUTC());
        consumers.set(consumers.indexOf(old), fresh);
        stoppedConsumers.remove(old);
        opened.remove(old);
        opened.push(fresh);
        NamedThreads.start("consume-" + flow.id(), fresh);
    }

    /** Whether the consumer of a consume flow runs: not stopped on request, not stopped by a failure. */
    public boolean consumerRunning(String flowId) {
        FlowConsumer c = consumerOfFlow(flowId);
        return !stoppedConsumers.contains(c) && c.failure().isEmpty();
    }

    private FlowConsumer consumerOfFlow(String flowId) {
        return consumers.stream().filter(c -> c.flow().id().equals(flowId)).findFirst().orElseThrow(() -> new HeadwaterException(
                "no consumer runs flow '" + flowId + "' in pipeline " + pipeline.name() + "; consume flows: "
                        + consumers.stream().map(c -> c.flow().id()).toList()));
    }

    /** The embedded PostgreSQL server, when the system of record is one (tests stop it to simulate an outage). */
    public Optional<EmbeddedPostgresServer> recordServer() {
        return Optional.ofNullable(postgres);
    }

    /** The embedded Kafka broker, when the log is one (tests stop it to simulate an outage). */
    public Optional<EmbeddedKafkaBroker> logServer() {
        return Optional.ofNullable(broker);
    }

    /** The event log this pipeline reads. */
    public KafkaEventLog eventLog() {
        return eventLog;
    }

    public List<FlowConsumer> consumers() {
        return List.copyOf(consumers);
    }

    /** Changes captured from the systems of record so far. */
    public long eventsCaptured() {
        return captures.stream().mapToLong(DebeziumCapture::eventsCaptured).sum();
    }

    @Override
    public Map<String, LatencyRecorder> latencies() {
        Map<String, LatencyRecorder> m = new LinkedHashMap<>();
        consumers.forEach(c -> m.put(c.flow().id(), c.latency()));
        return m;
    }

    @Override
    public List<SystemStatus> status() {
        List<SystemStatus> out = new ArrayList<>();
        for (SystemSpec s : pipeline.systems()) {
            SystemMonitor m = monitors.get(s.id());
            out.add(m != null ? m.status() : derivedStatus(s));
        }
        return out;
    }

    private SystemStatus derivedStatus(SystemSpec s) {
        List<DatasetStatus> datasets = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Dataset d : s.datasets()) {
            Optional<FlowConsumer> c = consumers.stream().filter(x -> x.flow().to().equals(d.ref())).findFirst();
            if (c.isEmpty()) {
                datasets.add(DatasetStatus.sizeOnly(d.ref(), -1));
                continue;
            }
            FlowConsumer fc = c.get();
            fc.failure().ifPresent(e -> problems.add(fc.flow().id() + ": " + e.getMessage()));
            datasets.add(new DatasetStatus(d.ref(), fc.sink().count(), fc.lag(), fc.sink().checkpoint().encode()));
        }
        return new SystemStatus(s.id(), s.kind(), s.role(), problems.isEmpty(), s.embedded() ? layout.systemDir(s).toString() : s.displayAddress(),
                String.join("; ", problems), datasets);
    }

    /** Whether every derived store has applied everything in the log and capture is quiet. */
    public boolean caughtUp() {
        return consumers.stream().allMatch(c -> c.failure().isEmpty() && c.lag() == 0);
    }

    @Override
    public synchronized void close() {
        while (!opened.isEmpty()) {
            AutoCloseable c = opened.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("while stopping {}: {}", c.getClass().getSimpleName(), e.getMessage(), e);
            }
        }
    }
}
