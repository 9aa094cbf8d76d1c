package io.headwater.app.runtime;

import io.headwater.connectors.SystemAdapters;
import io.headwater.connectors.debezium.CaptureCleanup;
import io.headwater.connectors.debezium.CaptureRoute;
import io.headwater.connectors.positions.FlowPositions;
import io.headwater.connectors.debezium.DebeziumCapture;
import io.headwater.connectors.debezium.SourceDatabase;
import io.headwater.connectors.demo.DemoDataGenerator;
import io.headwater.connectors.demo.DemoSchema;
import io.headwater.connectors.demo.LedgerWriter;
import io.headwater.connectors.events.LogDecoders;
import io.headwater.connectors.kafka.EmbeddedKafkaBroker;
import io.headwater.connectors.kafka.KafkaEventLog;
import io.headwater.connectors.postgres.EmbeddedPostgresServer;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.pipeline.DataDirLock;
import io.headwater.engine.pipeline.FlowConsumer;
import io.headwater.engine.pipeline.LatencyRecorder;
import io.headwater.engine.pipeline.PipelineRuntime;
import io.headwater.engine.spi.ChangeDecoder;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.FlowPosition;
import io.headwater.engine.spi.FlowProgress;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.engine.spi.SystemAdapter;
import io.headwater.engine.status.SystemStatus;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pipeline opened for real: its hosted servers started inside the data directory
 * ({@link HostedServers}), every system reached through its {@link SystemAdapter} (hosted or
 * attached), and the flows Headwater runs itself running: change capture for hosted cdc flows, one
 * consumer per hosted consume flow ({@link FlowConsumers}). Flows that run outside Headwater are
 * only observed. On an attached system nothing is started and nothing is written unless the user
 * allowed it. Opening claims the data directory ({@link DataDirLock}); closing stops everything in
 * reverse order and releases it. Thread-safe.
 */
public final class LivePipeline implements PipelineRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(LivePipeline.class);
    private static final Duration ATTACHED_TIMEOUT = Duration.ofSeconds(10);

    /**
     * @param command how this run is described to other processes ({@code headwater demo})
     * @param seed    the demo data's random seed, for a pipeline declared {@code demo: true}
     */
    public record Options(String command, long seed) {
        public static Options demo(long seed) {
            return new Options("headwater demo", seed);
        }
    }

    private final Pipeline pipeline;
    private final StoreLayout layout;
    private final LogDecoders decoder;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final Map<String, SystemAdapter> adapters = new LinkedHashMap<>();
    private final List<DebeziumCapture> captures = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final FlowConsumers consumers;
    private final Map<String, FlowPosition> positions = new LinkedHashMap<>();
    private DataDirLock lock;
    private HostedServers servers;
    private StatusPublisher publisher;

    private LivePipeline(Pipeline pipeline) {
        this.pipeline = pipeline;
        this.layout = new StoreLayout(pipeline);
        this.decoder = LogDecoders.forPipeline(pipeline);
        this.consumers = new FlowConsumers(pipeline, f -> eventLog(f.from().system()), decoder);
    }

    /** Opens the pipeline; on failure stops what it had started and rethrows. */
    public static LivePipeline start(Pipeline pipeline, Options options, ProgressListener progress) {
        LivePipeline p = new LivePipeline(pipeline);
        try {
            p.startAll(options, progress);
            return p;
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    private void startAll(Options options, ProgressListener shown) {
        long t0 = System.nanoTime();
        ProgressListener progress = (done, total, unit) -> { // each step logged, so that a slow start-up shows where its time went
            LOG.info("start-up [{}/{}] {} (+{} ms)", done, total, unit, (System.nanoTime() - t0) / 1_000_000);
            shown.progress(done, total, unit);
        };
        int steps = 6;
        progress.progress(0, steps, "Claiming data directory " + pipeline.dataDir());
        lock = DataDirLock.acquire(pipeline.dataDir(), options.command());
        opened.push(lock);

        servers = HostedServers.start(pipeline, layout, lock, progress, 1, steps);
        opened.push(servers);

        for (SystemSpec s : pipeline.systems()) {
            if (s.attached() && s.connection().address() != null) {
                progress.progress(2, steps, "Connecting to " + s.kind().configName() + " (" + s.id() + ") at " + s.displayAddress());
            }
            SystemAdapter adapter = SystemAdapters.open(s, place(s));
            adapters.put(s.id(), adapter);
            opened.push(adapter);
        }
        if (pipeline.demo()) {
            seedDemo(options.seed());
        }

        opened.push(consumers);
        if (pipeline.flows().stream().anyMatch(f -> f.kind() == FlowKind.CDC && !f.external())) {
            progress.progress(3, steps, "Starting change capture");
            startCaptures();
        }
        if (pipeline.flows().stream().anyMatch(f -> f.kind() == FlowKind.CONSUME && !f.external())) {
            progress.progress(4, steps, "Opening derived stores");
            startConsumers();
        }
        if (!captures.isEmpty()) {
            progress.progress(5, steps, "Waiting for the initial snapshot");
            awaitStreaming();
        }
        warnAboutLeftoverSlots();
        openPositions();

        publisher = new StatusPublisher(this, layout.statusFile());
        opened.push(publisher);
        publisher.start();
        progress.progress(6, steps, "Live");
    }

    private SystemAdapters.Place place(SystemSpec s) {
        Connection live = servers.address(s.id()).orElse(s.connection());
        return new SystemAdapters.Place(layout.systemDir(s), live, ATTACHED_TIMEOUT);
    }

    /** The demo's bank schema and seed in its hosted PostgreSQL, and its ledger's history. */
    private void seedDemo(long seed) {
        EmbeddedPostgresServer pg = servers.firstPostgres()
                .orElseThrow(() -> new HeadwaterException("pipeline " + pipeline.name() + " is declared demo: true, but hosts no postgres system"));
        try (java.sql.Connection c = pg.dataSource().getConnection()) {
            DemoSchema.create(c);
            DemoDataGenerator generator = new DemoDataGenerator(c, seed);
            if (generator.isEmpty()) {
                generator.seed(200, 1000, 60);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot prepare the demo data in " + pg.systemDir() + ": " + e.getMessage(), e);
        }
        for (SystemSpec s : pipeline.systems()) {
            if (s.eventSourced() && s.hosted()) {
                for (Dataset d : s.datasets()) {
                    LedgerWriter writer = new LedgerWriter(eventLog(s.id()), d, seed);
                    if (writer.isEmpty()) {
                        writer.seed(LedgerWriter.DEMO_HISTORY);
                    }
                }
            }
        }
    }

    /** One Debezium capture per record system and log for the cdc flows Headwater runs. */
    private void startCaptures() {
        Map<String, List<Flow>> byRecordAndLog = new LinkedHashMap<>();
        for (Flow f : pipeline.flows()) {
            if (f.kind() == FlowKind.CDC && !f.external()) {
                byRecordAndLog.computeIfAbsent(f.from().system() + "\u0000" + f.to().system(), k -> new ArrayList<>()).add(f);
            }
        }
        for (List<Flow> flows : byRecordAndLog.values()) {
            SystemSpec record = pipeline.systemOf(flows.get(0).from());
            String logId = flows.get(0).to().system();
            List<CaptureRoute> routes = flows.stream().map(f -> new CaptureRoute(pipeline.requireDataset(f.from()).physicalName(),
                    pipeline.requireDataset(f.to()).physicalName())).toList();
            String name = byRecordAndLog.size() == 1 ? pipeline.name() : pipeline.name() + "_" + record.id();
            DebeziumCapture capture = new DebeziumCapture(sourceOf(record), routes, eventLog(logId), layout.captureDir(record), name);
            captures.add(capture);
            opened.push(capture);
            NamedThreads.start("capture-" + record.id(), capture);
        }
    }

    private SourceDatabase sourceOf(SystemSpec record) {
        Connection c = place(record).live();
        String address = c.address();
        int colon = address.lastIndexOf(':');
        return new SourceDatabase(record.id(), address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)),
                c.database(), c.user(), c.password());
    }

    private void startConsumers() {
        for (Flow f : pipeline.flows()) {
            if (f.kind() != FlowKind.CONSUME || f.external()) {
                continue;
            }
            Dataset dataset = pipeline.requireDataset(f.to());
            DerivedSink sink = adapter(f.to().system()).sink(dataset, f).orElseThrow(() -> new HeadwaterException("system '"
                    + f.to().system() + "' of kind " + pipeline.systemOf(f.to()).kind().configName()
                    + " cannot be kept by headwater in this version: write runs: external on flow " + f.id() + " to observe it instead"));
            consumers.start(f, sink);
        }
    }

    /** How far each flow that runs outside Headwater has got: read on demand, never written. */
    private void openPositions() {
        for (Flow f : pipeline.flows()) {
            if (f.external()) {
                FlowPositions.open(pipeline, f, s -> place(s).live()).ifPresent(p -> {
                    positions.put(f.id(), p);
                    opened.push(p);
                });
            }
        }
    }

    /** Warns of replication slots that earlier hosted runs left behind on reachable record servers while they retain much WAL. */
    private void warnAboutLeftoverSlots() {
        if (pipeline.source() == null) {
            return;
        }
        try {
            for (String warning : new CaptureCleanup(pipeline, s -> place(s).live()).warnings(pipeline.source(), CaptureCleanup.DEFAULT_WARN_BYTES)) {
                LOG.warn(warning);
                warnings.add(warning);
            }
        } catch (HeadwaterException e) {
            LOG.debug("could not look for leftover replication slots: {}", e.getMessage(), e);
        }
    }

    /** Warnings found while opening (leftover replication slots), for people. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** The observed progress of every flow that runs outside headwater and says how to observe it, read now. */
    public List<FlowProgress> flowProgress() {
        return positions.values().stream().map(ObservedLag::read).toList();
    }

    /** The position reader of a flow that runs outside headwater, when its config says how to observe it. */
    public Optional<FlowPosition> position(String flowId) {
        return Optional.ofNullable(positions.get(flowId));
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
                Pause.millis(50, "starting the pipeline");
            }
        }
    }

    @Override
    public Pipeline pipeline() {
        return pipeline;
    }

    /** The adapter of a system of this pipeline. */
    public SystemAdapter adapter(String systemId) {
        SystemAdapter a = adapters.get(systemId);
        if (a == null) {
            throw new HeadwaterException("no system '" + systemId + "' in pipeline " + pipeline.name() + "; systems: " + adapters.keySet());
        }
        return a;
    }

    /**
     * Serves commands of other processes on this data directory (see {@link ControlChannel}):
     * each is run by {@code executor} with this pipeline at hand.
     */
    public synchronized void serveControl(Function<ControlChannel.Request, Integer> executor) {
        ControlChannel channel = new ControlChannel(pipeline.dataDir(), executor);
        opened.push(channel);
        NamedThreads.start("control", channel);
    }

    /** The sink of a derived dataset, if a consume flow Headwater runs feeds it. */
    public Optional<DerivedSink> sink(DatasetRef ref) {
        return consumers.feeding(ref).map(FlowConsumer::sink);
    }

    /** The consumer feeding a derived dataset, if Headwater runs one. */
    public Optional<FlowConsumer> consumer(DatasetRef ref) {
        return consumers.feeding(ref);
    }

    /** A data source on the hosted PostgreSQL of a demo (for its load generator and tests). */
    public Optional<DataSource> recordDataSource() {
        return servers.firstPostgres().map(EmbeddedPostgresServer::dataSource);
    }

    /** A reader on one dataset of this pipeline; close it when done. */
    public DatasetReader reader(DatasetRef ref) {
        Dataset dataset = pipeline.requireDataset(ref);
        return adapter(ref.system()).reader(dataset).orElseThrow(() -> new HeadwaterException(
                ref + " is in a " + pipeline.systemOf(ref).kind().configName() + " system, which is not read as a table"));
    }

    /** The decoder of this pipeline's topics: change events of captured tables, plain events of event-sourced records. */
    public ChangeDecoder decoder() {
        return decoder;
    }

    /** Swaps a rebuilt shadow in for the live store of {@code flow} (see {@link FlowConsumers#promote}). */
    public void promote(Flow flow, DerivedSink shadow, Consumer<DerivedSink> levelUp) {
        consumers.promote(flow, shadow, levelUp);
    }

    /** Stops the consumer of a consume flow after its batch in hand; its lag grows. */
    public void stopConsumer(String flowId) {
        consumers.stop(flowId);
    }

    /** Starts the consumer of a consume flow again, from its store's checkpoint. */
    public void startConsumer(String flowId) {
        consumers.restart(flowId);
    }

    /** Whether the consumer of a consume flow runs: not stopped on request, not stopped by a failure. */
    public boolean consumerRunning(String flowId) {
        return consumers.running(flowId);
    }

    /** The embedded PostgreSQL of the demo's record, when hosted (tests stop it to simulate an outage). */
    public Optional<EmbeddedPostgresServer> recordServer() {
        return servers.firstPostgres();
    }

    /** The embedded Kafka broker, when a log is hosted (tests stop it to simulate an outage). */
    public Optional<EmbeddedKafkaBroker> logServer() {
        return servers.broker();
    }

    /** The log of a kafka system of this pipeline. */
    public KafkaEventLog eventLog(String systemId) {
        return adapter(systemId).capability(KafkaEventLog.class).orElseThrow(() -> new HeadwaterException(
                "system '" + systemId + "' of pipeline " + pipeline.name() + " is not a kafka system"));
    }

    /** The log of a dataset's kafka system. */
    public KafkaEventLog eventLogOf(DatasetRef ref) {
        return eventLog(ref.system());
    }

    /**
     * The pipeline's log: its one kafka system with role log (or, lacking one, its first kafka system).
     *
     * @throws HeadwaterException when the pipeline has no kafka system
     */
    public KafkaEventLog eventLog() {
        Optional<SystemSpec> log = pipeline.systems().stream().filter(s -> s.kind() == SystemKind.KAFKA)
                .min(java.util.Comparator.comparing(s -> s.role() == io.headwater.engine.model.Role.LOG ? 0 : 1));
        return eventLog(log.orElseThrow(() -> new HeadwaterException("pipeline " + pipeline.name() + " has no kafka system")).id());
    }

    public List<FlowConsumer> consumers() {
        return consumers.all();
    }

    /** Changes captured from the systems of record so far. */
    public long eventsCaptured() {
        return captures.stream().mapToLong(DebeziumCapture::eventsCaptured).sum();
    }

    @Override
    public Map<String, LatencyRecorder> latencies() {
        Map<String, LatencyRecorder> m = new LinkedHashMap<>();
        consumers.all().forEach(c -> m.put(c.flow().id(), c.latency()));
        return m;
    }

    @Override
    public List<SystemStatus> status() {
        return new LiveStatus(pipeline, layout, adapters, consumers, positions).now();
    }

    /** Whether every derived store Headwater keeps has applied everything in its log. */
    public boolean caughtUp() {
        return consumers.caughtUp();
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
