package io.headwater.connectors.debezium;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import io.headwater.connectors.kafka.KafkaEventLog;
import io.headwater.engine.ConnectionException;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.StoreException;
import io.headwater.engine.spi.ChangeCapture;
import io.headwater.engine.spi.EventLog;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures the changes of PostgreSQL tables into topics of an {@link EventLog}, with Debezium
 * Embedded and the PostgreSQL connector (logical decoding with {@code pgoutput}).
 *
 * <p>Each change's key and value go to the table's topic as Debezium's JSON (schemas disabled): the
 * key is the primary key object, the value the envelope {@code before/after/source/op/ts_ms}. A
 * delete is followed by a tombstone (null value). Settings that shape the values:
 * {@code decimal.handling.mode=string} (decimals as exact strings), {@code binary.handling.mode=base64},
 * {@code time.precision.mode=adaptive_time_microseconds}: {@code timestamp} columns of precision 4–6
 * (the default) arrive as epoch microseconds, {@code timestamptz} as an ISO-8601 UTC string,
 * {@code date} as epoch days. {@link DebeziumJsonDecoder} reads exactly this.
 *
 * <p>Delivery is at-least-once with nothing re-emitted after a graceful stop: every batch is written
 * and flushed to the log (acknowledged) before Debezium is told it is processed, and offsets are
 * flushed after every batch ({@code offset.flush.interval.ms=0}) to
 * {@code <offsetsDir>/offsets.dat}. A crash between the log's acknowledgement and the offset flush
 * re-emits that one batch on restart; consumers deduplicate by event id.
 *
 * <p>The replication slot and publication are named after the capture ({@code hw_<name>} and
 * {@code hw_<name>_pub}) so several pipelines can capture from one server. Nothing here drops them when
 * the capture stops (it resumes from the slot next time); {@link CaptureCleanup} ({@code headwater
 * cleanup}) does, and warns about inactive ones whose WAL piles up. The initial snapshot
 * ({@code snapshot.mode=initial}) emits the existing rows as {@code op=r} once.
 *
 * <p>A runnable unit: the caller runs {@link #run()} on a thread it owns (it returns when the
 * capture stops); {@link #close()} from any other thread stops it within a few seconds. Thread-safe.
 */
public final class DebeziumCapture implements ChangeCapture {
    private static final Logger LOG = LoggerFactory.getLogger(DebeziumCapture.class);
    static final String OFFSETS_FILE = "offsets.dat";

    private final SourceDatabase source;
    private final EventLog log;
    private final Path offsetsDir;
    private final String name;
    private final String slotName;
    private final String topicPrefix;
    private final Map<String, String> topicByDestination = new LinkedHashMap<>();
    private final List<CaptureRoute> routes;
    private final AtomicLong captured = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Object lock = new Object();
    private DebeziumEngine<ChangeEvent<String, String>> engine;
    private volatile boolean closed;

    /**
     * @param source     the database to capture from
     * @param routes     the tables to capture and their target topics
     * @param log        the log to write into (not owned: not closed by this capture)
     * @param offsetsDir a directory of its own where Debezium keeps its offsets across restarts
     * @param name       the capture's name, unique per pipeline and source server (names the slot)
     */
    public DebeziumCapture(SourceDatabase source, List<CaptureRoute> routes, EventLog log, Path offsetsDir, String name) {
        this.source = Objects.requireNonNull(source, "source");
        this.routes = List.copyOf(routes);
        this.log = Objects.requireNonNull(log, "log");
        this.offsetsDir = Objects.requireNonNull(offsetsDir, "offsetsDir").toAbsolutePath();
        this.name = Objects.requireNonNull(name, "name");
        if (this.routes.isEmpty()) {
            throw new IllegalArgumentException("capture '" + name + "' has no tables");
        }
        this.slotName = slotName(name);
        this.topicPrefix = slotName;
        for (CaptureRoute r : this.routes) {
            topicByDestination.put(topicPrefix + "." + r.table(), r.topic());
        }
    }

    /** The replication slot name for a capture name: {@code hw_} and the name in [a-z0-9_], at most 63 characters. */
    public static String slotName(String name) {
        String s = "hw_" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return s.length() > 58 ? s.substring(0, 58) : s; // leaves room for the publication's "_pub"
    }

    /**
     * Forgets the offsets a capture kept in {@code offsetsDir}, so that its next start takes a fresh
     * snapshot instead of resuming at a position its (dropped) slot no longer holds.
     *
     * @return whether there were offsets to forget
     */
    public static boolean forgetOffsets(Path offsetsDir) {
        Path file = offsetsDir.resolve(OFFSETS_FILE);
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new StoreException("cannot delete the capture offsets " + file + ": " + e.getMessage(), e);
        }
    }

    /** The replication slot this capture uses. */
    public String slotName() {
        return slotName;
    }

    /** The publication this capture uses. */
    public String publicationName() {
        return slotName + "_pub";
    }

    Properties engineProperties() {
        Properties p = new Properties();
        p.setProperty("name", name);
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        p.setProperty("offset.storage.file.filename", offsetsDir.resolve(OFFSETS_FILE).toString());
        p.setProperty("offset.flush.interval.ms", "0");
        p.setProperty("database.hostname", source.host());
        p.setProperty("database.port", Integer.toString(source.port()));
        p.setProperty("database.dbname", source.database());
        p.setProperty("database.user", source.user());
        p.setProperty("database.password", source.password() == null ? "" : source.password().reveal());
        p.setProperty("topic.prefix", topicPrefix);
        p.setProperty("table.include.list", routes.stream()
                .map(r -> r.table().replace(".", "\\.")).collect(Collectors.joining(",")));
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", slotName);
        p.setProperty("publication.name", publicationName());
        p.setProperty("publication.autocreate.mode", "filtered");
        p.setProperty("snapshot.mode", "initial");
        p.setProperty("decimal.handling.mode", "string");
        p.setProperty("binary.handling.mode", "base64");
        p.setProperty("time.precision.mode", "adaptive_time_microseconds");
        p.setProperty("poll.interval.ms", "20");
        p.setProperty("tombstones.on.delete", "true");
        p.setProperty("converter.schemas.enable", "false");
        p.setProperty("errors.max.retries", "3");
        return p;
    }

    /**
     * Runs the capture until {@link #close()} or a failure.
     *
     * @throws ConnectionException when the source or the log cannot be reached
     * @throws StoreException      when Debezium fails for another reason
     */
    @Override
    public void run() {
        try {
            Files.createDirectories(offsetsDir);
        } catch (IOException e) {
            throw new StoreException("cannot create the offsets directory " + offsetsDir + " of capture '" + name + "'", e);
        }
        DebeziumEngine<ChangeEvent<String, String>> e;
        synchronized (lock) {
            if (closed) {
                return;
            }
            e = DebeziumEngine.create(Json.class)
                    .using(engineProperties())
                    .notifying(this::handleBatch)
                    .using((success, message, error) -> {
                        if (!success) {
                            failure.compareAndSet(null, error != null ? error : new IllegalStateException(message));
                        }
                    })
                    .build();
            engine = e;
        }
        LOG.info("Capture '{}' starting on {} (slot {}) for {}", name, source.address(), slotName, routes);
        try {
            e.run();
        } finally {
            synchronized (lock) {
                engine = null; // stopped: nothing left for close() to stop
            }
        }
        LOG.info("Capture '{}' stopped after {} events", name, captured.get());
        Throwable error = failure.get();
        if (error != null && !closed) {
            throw failureException(error);
        }
    }

    private void handleBatch(List<ChangeEvent<String, String>> records, DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer)
            throws InterruptedException {
        List<KafkaEventLog.TopicEntry> entries = new ArrayList<>(records.size());
        long changes = 0;
        for (ChangeEvent<String, String> r : records) {
            String topic = topicByDestination.get(r.destination());
            if (topic == null) {
                LOG.debug("Capture '{}' skips a record for {}", name, r.destination());
                continue;
            }
            entries.add(new KafkaEventLog.TopicEntry(topic, bytes(r.key()), bytes(r.value())));
            if (r.value() != null) {
                changes++;
            }
        }
        if (!entries.isEmpty()) {
            write(entries); // acknowledged by the log before anything is marked processed
            captured.addAndGet(changes);
        }
        for (ChangeEvent<String, String> r : records) {
            committer.markProcessed(r);
        }
        committer.markBatchFinished();
    }

    private void write(List<KafkaEventLog.TopicEntry> entries) {
        if (log instanceof KafkaEventLog kafka) {
            kafka.produceBatch(entries);
        } else {
            for (KafkaEventLog.TopicEntry e : entries) {
                log.produce(e.topic(), e.key(), e.value());
            }
        }
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private HeadwaterException failureException(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HeadwaterException h) {
                return h;
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
                    || t instanceof org.postgresql.util.PSQLException p && p.getSQLState() != null && p.getSQLState().startsWith("08")
                    || refusedByValidation(t)) {
                return new ConnectionException(source.systemId(), source.address(), "change capture '" + name
                        + "' cannot connect: " + t.getMessage(), error);
            }
        }
        return new StoreException("change capture '" + name + "' from " + source.systemId() + " at " + source.address()
                + " failed: " + error.getMessage(), error);
    }

    /** Debezium's config validation reports an unreachable database only in its message. */
    private static boolean refusedByValidation(Throwable t) {
        String m = t.getMessage();
        return m != null && m.contains("Error while validating connector config")
                && (m.contains("refused") || m.contains("timed out") || m.contains("UnknownHost"));
    }

    /** Whether the initial snapshot is done and changes are streaming from the replication slot. */
    @Override
    public boolean isStreaming() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            ObjectName pattern = new ObjectName("debezium.postgres:type=connector-metrics,context=streaming,server="
                    + topicPrefix + ",*"); // the prefix is [a-z0-9_], no quoting needed
            for (ObjectName n : server.queryNames(pattern, null)) {
                if (Boolean.TRUE.equals(server.getAttribute(n, "Connected"))) {
                    return true;
                }
            }
            return false;
        } catch (JMException e) {
            LOG.debug("Cannot read the streaming metrics of capture '{}'", name, e);
            return false;
        }
    }

    @Override
    public long eventsCaptured() {
        return captured.get();
    }

    /** The failure that stopped the capture, if any. */
    public java.util.Optional<HeadwaterException> failure() {
        return java.util.Optional.ofNullable(failure.get()).map(this::failureException);
    }

    /** Stops the capture; Debezium commits the offsets of everything already written. Idempotent. */
    @Override
    public void close() {
        DebeziumEngine<ChangeEvent<String, String>> e;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            e = engine;
        }
        if (e != null) {
            try {
                e.close();
            } catch (IOException ex) {
                throw new StoreException("cannot stop change capture '" + name + "': " + ex.getMessage(), ex);
            } catch (IllegalStateException ex) {
                // the engine stopped by itself (a failure) between our check and the call
                LOG.debug("Capture '{}' had already stopped", name, ex);
            }
        }
    }

    @Override
    public String toString() {
        return "DebeziumCapture[" + name + " from " + source.address() + "]";
    }
}
