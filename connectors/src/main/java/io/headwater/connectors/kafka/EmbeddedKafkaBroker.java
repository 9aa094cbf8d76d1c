package io.headwater.connectors.kafka;

import io.headwater.connectors.embedded.PortFile;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.StoreException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker (KRaft: broker and controller in one process) that Headwater runs
 * inside its own JVM, with its log kept in a directory across restarts.
 *
 * <p>Layout of the system directory:
 * <pre>
 *   &lt;systemDir&gt;/kraft-logs/        the log directory: meta.properties, __cluster_metadata-0, one
 *                                   directory per topic partition (formatted on the first start)
 *   &lt;systemDir&gt;/ports.properties  {@code broker.port} and {@code controller.port}, chosen on the first start
 * </pre>
 * Listens on 127.0.0.1 only, creates topics on first use (one partition), and sets every internal
 * topic's replication factor and min ISR to 1. A restart on the same directory keeps every topic,
 * record and committed offset.
 *
 * <p>Thread-safe: accessors may be called from any thread; {@link #close()} is idempotent.
 */
public final class EmbeddedKafkaBroker implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    static final String LOG_DIR = "kraft-logs";
    private static final int NODE_ID = 1;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Path systemDir;
    private final KafkaRaftServer server;
    private final int port;
    private final int controllerPort;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaBroker(Path systemDir, KafkaRaftServer server, int port, int controllerPort) {
        this.systemDir = systemDir;
        this.server = server;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * Starts the broker on the log in {@code systemDir}, formatting it on the first start, and waits
     * until it answers clients.
     *
     * @throws StoreException when the directory cannot be used or the broker does not start
     */
    public static EmbeddedKafkaBroker start(Path systemDir) {
        Path dir = systemDir.toAbsolutePath().normalize();
        Path logDir = dir.resolve(LOG_DIR);
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new StoreException("cannot create the Kafka log directory " + logDir + ": " + e.getMessage(), e);
        }
        PortFile ports = new PortFile(dir);
        int port = ports.portOrChoose("broker.port");
        int controllerPort = ports.portOrChoose("controller.port");
        ports.save();

        KafkaConfig config = KafkaConfig.fromProps(serverProperties(logDir, port, controllerPort), new Properties(), false);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(config, logDir);
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir, server, port, controllerPort);
        try {
            server.startup();
            broker.awaitReady();
        } catch (KafkaException | HeadwaterException e) {
            broker.close();
            throw new StoreException("cannot start the embedded Kafka broker in " + logDir + " on port " + port + ": "
                    + e.getMessage(), e);
        }
        LOG.info("Embedded Kafka broker on 127.0.0.1:{} with log in {} started in {} ms", port, logDir,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        return broker;
    }

    static Properties serverProperties(Path logDir, int port, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(NODE_ID));
        p.setProperty("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("log.retention.hours", "-1"); // the demo's log is the record of every change
        p.setProperty("delete.topic.enable", "true");
        // a single node: heartbeat often so that start-up (registration, unfencing) does not wait seconds
        p.setProperty("broker.heartbeat.interval.ms", "200");
        p.setProperty("controller.quorum.election.timeout.ms", "200");
        return p;
    }

    private static void format(KafkaConfig config, Path logDir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(NODE_ID)
                    .addDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .run();
        } catch (Exception e) { // Formatter.run() declares Exception
            throw new StoreException("cannot format the Kafka log directory " + logDir + ": " + e.getMessage(), e);
        }
        LOG.debug("Formatted {}: {}", logDir, out.toString(StandardCharsets.UTF_8).trim());
    }

    private void awaitReady() {
        Map<String, Object> conf = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.CLIENT_ID_CONFIG, "headwater-broker-ready");
        try (Admin admin = Admin.create(conf)) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new HeadwaterException("the broker did not answer within " + READY_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HeadwaterException("interrupted while waiting for the broker", e);
        }
    }

    /** {@code 127.0.0.1:port}, for clients. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path systemDir() {
        return systemDir;
    }

    /** Shuts the broker down cleanly (flushes the log); the data stay in the directory. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        long t0 = System.nanoTime();
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (KafkaException e) {
            throw new StoreException("the embedded Kafka broker in " + systemDir + " did not shut down cleanly: " + e.getMessage(), e);
        }
        LOG.info("Embedded Kafka broker on port {} stopped in {} ms", port, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + bootstrapServers() + ", " + systemDir + "]";
    }
}
