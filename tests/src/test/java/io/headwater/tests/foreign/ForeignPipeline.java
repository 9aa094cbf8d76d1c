package io.headwater.tests.foreign;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A user's own change-data pipeline, set up the way users run one, for tests of what Headwater does to
 * pipelines it does not own: a bank database on a PostgreSQL server ({@link CapturePostgres} says which),
 * a Kafka broker in its own JVM, a Kafka Connect worker in another running Debezium's PostgreSQL
 * connector, and the user's sink: a consumer group applying one topic to a table of a second database.
 *
 * <p>Typical use in a test class:
 * <pre>
 *   static ForeignPipeline pipeline;
 *   &#64;BeforeAll static void start() { pipeline = ForeignPipeline.start(ForeignPipelineOptions.defaults().withRows(500, 800)); }
 *   &#64;AfterAll static void stop() { pipeline.close(); }
 * </pre>
 * {@link #start} returns once the connector and its task run, the snapshot is in both topics and the
 * sink has started. {@link #close()} removes everything it created, also from a JVM shutdown hook if the
 * test forgets. Logs of the child JVMs are in {@code <build dir>/foreign-pipeline/<prefix>/}.
 *
 * <p>Thread-safe for the getters; start, load control, waiting and close are meant for the test thread.
 */
public final class ForeignPipeline implements AutoCloseable {
    private static final Duration BROKER_START = Duration.ofSeconds(60);
    private static final Duration CONNECT_START = Duration.ofSeconds(90);
    private static final Duration CONNECTOR_START = Duration.ofSeconds(60);
    private static final Duration SNAPSHOT = Duration.ofSeconds(120);
    private static final Duration TEARDOWN_STEP = Duration.ofSeconds(20);

    private final ForeignPipelineOptions options;
    private final Path workDir;
    private final PipelineParts parts = new PipelineParts();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;
    private StartupTimes startupTimes;

    private ForeignPipeline(ForeignPipelineOptions options, Path workDir) {
        this.options = options;
        this.workDir = workDir;
        this.shutdownHook = new Thread(this::closeAtExit, "foreign-pipeline-shutdown-" + options.prefix());
    }

    /** Sets up the pipeline and waits until its snapshot is in the topics; on failure removes what it created. */
    public static ForeignPipeline start(ForeignPipelineOptions options) {
        Path harnessDir = buildDir().resolve("foreign-pipeline");
        ForeignPipeline pipeline = new ForeignPipeline(options, harnessDir.resolve(options.prefix()));
        Runtime.getRuntime().addShutdownHook(pipeline.shutdownHook);
        try {
            pipeline.startParts(harnessDir);
            return pipeline;
        } catch (RuntimeException e) {
            try {
                pipeline.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** The build directory of the module under test (failsafe passes it), else {@code target}. */
    static Path buildDir() {
        return Path.of(System.getProperty("headwater.build.dir", "target")).toAbsolutePath().normalize();
    }

    private void startParts(Path harnessDir) {
        long t0 = System.nanoTime();
        parts.broker = BrokerJvm.launch(workDir);

        long t = System.nanoTime();
        parts.server = CapturePostgres.server(harnessDir);
        long postgresMs = sinceMillis(t);

        t = System.nanoTime();
        parts.createDatabases(options);
        long seedMs = sinceMillis(t);

        String bootstrap = parts.broker.awaitAddress(BROKER_START);
        long brokerMs = sinceMillis(t0);
        parts.progress = new TopicProgress(bootstrap);

        t = System.nanoTime();
        parts.connect = ConnectWorker.start(bootstrap, options.prefix() + "-connect", workDir, CONNECT_START);
        long connectMs = sinceMillis(t);

        t = System.nanoTime();
        parts.slot = new CaptureSlot(parts.server, options.sourceDatabase(), options.slotName(), options.publicationName());
        parts.connect.putConnector(options.connectorName(), DebeziumConnectorConfig.of(options, parts.server), CONNECTOR_START);
        parts.connect.awaitRunning(options.connectorName(), CONNECTOR_START);
        long connectorMs = sinceMillis(t);

        t = System.nanoTime();
        parts.sink = UserSink.start(bootstrap, options.sinkGroupId(), sinkTopic(), BankSchema.table(options.sinkTable()),
                parts.openSink(options));
        String customers = topic(BankSchema.CUSTOMERS.name());
        String accounts = topic(BankSchema.ACCOUNTS.name());
        Waits.until("the snapshot in " + customers + " and " + accounts, SNAPSHOT,
                () -> parts.progress.records(customers) >= options.customers() && parts.progress.records(accounts) >= options.accounts(),
                () -> customers + " holds " + parts.progress.records(customers) + " of " + options.customers() + ", "
                        + accounts + " " + parts.progress.records(accounts) + " of " + options.accounts());
        long snapshotMs = sinceMillis(t);

        t = System.nanoTime();
        parts.load = new BankLoad(parts.openSource(options), options.prefix(), options.customers(), options.accounts());
        startupTimes = new StartupTimes(postgresMs, seedMs, brokerMs, connectMs, connectorMs, snapshotMs, sinceMillis(t0));
        System.err.println("foreign pipeline " + options.prefix() + " started: " + startupTimes + "; logs in " + workDir);
    }

    private static long sinceMillis(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    /**
     * How long each part took to start, in milliseconds: choosing (and if need be preparing) the PostgreSQL
     * server, creating and seeding the databases, the broker JVM (from launch to ready, overlapping the
     * two before), the Connect worker JVM (to its REST API), the connector (registration to RUNNING), the
     * snapshot (to the topics), and the whole start.
     */
    public record StartupTimes(long postgresMs, long databasesMs, long brokerMs, long connectWorkerMs, long connectorMs,
                               long snapshotMs, long totalMs) {
    }

    public StartupTimes startupTimes() {
        return startupTimes;
    }

    public ForeignPipelineOptions options() {
        return options;
    }

    /** Host of the PostgreSQL server holding the source and sink databases. */
    public String postgresHost() {
        return parts.server.host();
    }

    public int postgresPort() {
        return parts.server.port();
    }

    /** The user to connect as (a superuser; trust authentication, so any password). */
    public String postgresUser() {
        return parts.server.user();
    }

    /** The bank database the connector captures: {@code <prefix>_src}. */
    public String sourceDatabase() {
        return options.sourceDatabase();
    }

    public String sourceJdbcUrl() {
        return parts.server.jdbcUrl(options.sourceDatabase());
    }

    /** Alias of {@link #postgresUser()} for the source side. */
    public String sourceUser() {
        return postgresUser();
    }

    /** The user's sink database: {@code <prefix>_sink}, holding the table {@link #sinkTable()}. */
    public String sinkDatabase() {
        return options.sinkDatabase();
    }

    public String sinkJdbcUrl() {
        return parts.server.jdbcUrl(options.sinkDatabase());
    }

    /** The table the sink keeps, named as in the source: {@code customers} unless the options say {@code accounts}. */
    public String sinkTable() {
        return options.sinkTable();
    }

    /** A new connection to the source database; the caller closes it. */
    public Connection openSource() throws SQLException {
        return parts.server.connect(options.sourceDatabase());
    }

    /** A new connection to the sink database; the caller closes it. */
    public Connection openSink() throws SQLException {
        return parts.server.connect(options.sinkDatabase());
    }

    public String bootstrapServers() {
        return parts.broker.address();
    }

    /** Base URL of the Connect worker's REST API, e.g. {@code http://127.0.0.1:PORT}. */
    public String connectRestUrl() {
        return parts.connect.restUrl();
    }

    public String connectorName() {
        return options.connectorName();
    }

    public String slotName() {
        return options.slotName();
    }

    public String publicationName() {
        return options.publicationName();
    }

    /**
     * Starts a second sink of the sink table's topic, run by the Connect worker ({@link TableSinkConnector},
     * configured with the JDBC sink's keys), into a new table {@code table} of the sink database shaped like
     * the sink table; returns once its task runs. The connector is removed with the worker.
     */
    public void startConnectSink(String connector, String table) {
        BankSchema.TableShape shape = BankSchema.table(options.sinkTable());
        try (Connection c = openSink(); Statement s = c.createStatement()) {
            s.execute(new BankSchema.TableShape(table, shape.keyColumn(), shape.columns()).createTable());
        } catch (SQLException e) {
            throw new ForeignPipelineException("cannot create table " + table + " in " + sinkDatabase() + ": " + e.getMessage(), e);
        }
        putConnector(connector, connectSinkConfig(table, sinkJdbcUrl()));
        parts.connect.awaitRunning(connector, CONNECTOR_START);
    }

    /** The config of a {@link TableSinkConnector} on the sink table's topic writing {@code table} at {@code jdbcUrl}. */
    public Map<String, String> connectSinkConfig(String table, String jdbcUrl) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", TableSinkConnector.class.getName());
        c.put("tasks.max", "1");
        c.put("topics", sinkTopic());
        c.put("connection.url", jdbcUrl);
        c.put("connection.user", postgresUser());
        c.put("connection.password", postgresUser());
        c.put("table.name.format", table);
        c.put("pk.mode", "record_key");
        c.put("pk.fields", BankSchema.table(options.sinkTable()).keyColumn());
        c.put("insert.mode", "upsert");
        c.put("delete.enabled", "true");
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        return c;
    }

    /** Creates or replaces a connector of the worker. */
    public void putConnector(String name, Map<String, String> config) {
        parts.connect.putConnector(name, config, CONNECTOR_START);
    }

    /** Pauses a connector and waits until it and its tasks are PAUSED. */
    public void pauseConnector(String name) {
        parts.connect.pause(name);
        parts.connect.awaitState(name, "PAUSED", false, CONNECTOR_START);
    }

    /** Resumes a paused connector and waits until it runs again. */
    public void resumeConnector(String name) {
        parts.connect.resume(name);
        parts.connect.awaitRunning(name, CONNECTOR_START);
    }

    /** Waits until some task of the connector has FAILED. */
    public void awaitTaskFailed(String name) {
        parts.connect.awaitState(name, "FAILED", true, CONNECTOR_START);
    }

    /** The change topic of a bank table: {@code <topicPrefix>.public.<table>}. */
    public String topic(String table) {
        return options.topic(BankSchema.table(table).name());
    }

    /** Both change topics, customers first. */
    public List<String> topics() {
        return List.of(topic(BankSchema.CUSTOMERS.name()), topic(BankSchema.ACCOUNTS.name()));
    }

    /** Where the connector writes logical-decoding messages, among them the markers of {@link #awaitSinkCaughtUp}: {@code <topicPrefix>.message}. */
    public String messageTopic() {
        return options.topicPrefix() + ".message";
    }

    /** The topic the user's sink consumes. */
    public String sinkTopic() {
        return topic(options.sinkTable());
    }

    /** The user's sink's consumer group: {@code <prefix>-sink}. */
    public String sinkGroupId() {
        return options.sinkGroupId();
    }

    /** Changes the sink has applied and committed. */
    public long sinkApplied() {
        return parts.sink.applied();
    }

    /** Starts (or resumes, at a new rate) the bank's traffic: single-row transactions at {@code opsPerSecond}. */
    public void startLoad(double opsPerSecond) {
        parts.load.run(opsPerSecond);
    }

    /** Pauses the traffic; on return no transaction is in flight and all are committed. */
    public void pauseLoad() {
        parts.load.pause();
        failIfBroken();
    }

    /** Transactions the load has committed so far. */
    public long loadOperations() {
        return parts.load.operations();
    }

    /**
     * Waits until the pipeline has carried everything written to the source so far: the slot's
     * {@code confirmed_flush_lsn} has reached the WAL position of a marker written into the source database
     * at the call (a transactional {@code pg_logical_emit_message} with prefix {@code headwater-harness-sync},
     * which the connector writes to {@code <topicPrefix>.message}), and the sink's committed offsets equal the end
     * offsets of its topic. Pause the load first, or this chases it.
     *
     * @throws ForeignPipelineException after {@code timeout}, or when the sink or the load has failed
     */
    public void awaitSinkCaughtUp(Duration timeout) {
        failIfBroken();
        long deadline = System.nanoTime() + timeout.toNanos();
        String target = parts.slot.markLsn();
        Waits.until("slot " + slotName() + " to confirm " + target, timeout,
                () -> parts.slot.confirmedAtLeast(target),
                () -> "confirmed_flush_lsn " + parts.slot.confirmedFlushLsn() + ", " + parts.progress.records(messageTopic())
                        + " records in " + messageTopic());
        Waits.until("sink group " + sinkGroupId() + " to commit the end of " + sinkTopic(),
                Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
                () -> {
                    failIfBroken();
                    return parts.progress.caughtUp(sinkGroupId(), sinkTopic());
                },
                () -> "end offsets " + parts.progress.endOffsets(List.of(sinkTopic())) + ", committed "
                        + parts.progress.committed(sinkGroupId()));
    }

    private void failIfBroken() {
        if (parts.sink != null && parts.sink.failure() != null) {
            throw parts.sink.failure();
        }
        if (parts.load != null && parts.load.failure() != null) {
            throw parts.load.failure();
        }
    }

    /**
     * Stops the load and the sink, deletes the connector, stops the Connect worker, drops the slot, the
     * publication and both databases, and stops the broker. Idempotent; every step is tried even when an
     * earlier one fails, and the first failure is thrown with the others suppressed.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        List<RuntimeException> failures = parts.teardown(options, TEARDOWN_STEP);
        if (Thread.currentThread() != shutdownHook) {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    private void closeAtExit() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println("foreign pipeline " + options.prefix() + ": teardown at JVM exit failed: " + e);
        }
    }

    @Override
    public String toString() {
        return "ForeignPipeline[" + options.prefix() + ", " + (parts.server == null ? "no server" : parts.server.description()) + "]";
    }
}
