package io.headwater.app.runtime;

import io.headwater.connectors.kafka.EmbeddedKafkaBroker;
import io.headwater.connectors.postgres.EmbeddedPostgresServer;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.Secret;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.pipeline.DataDirLock;
import io.headwater.engine.spi.ProgressListener;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The servers Headwater starts itself for the hosted systems of a pipeline, inside its data
 * directory: an embedded PostgreSQL per hosted postgres system, and one embedded Kafka broker that
 * every hosted kafka system (the log and any event-sourced record) shares. Attached systems are
 * never started here. Each server's address is published through the data directory's lock so that
 * other processes find it. The broker and the PostgreSQL servers start side by side. Closing stops
 * them in reverse order. Not thread-safe: started and closed by one owner.
 */
final class HostedServers implements AutoCloseable {
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, Connection> addresses = new LinkedHashMap<>();
    private final Map<String, EmbeddedPostgresServer> postgres = new LinkedHashMap<>();
    private EmbeddedKafkaBroker broker;

    /** Starts every hosted server of {@code pipeline}; on failure stops what it started and rethrows. */
    static HostedServers start(Pipeline pipeline, StoreLayout layout, DataDirLock lock, ProgressListener progress, int step, int steps) {
        HostedServers servers = new HostedServers();
        try {
            servers.startAll(pipeline, layout, lock, progress, step, steps);
            return servers;
        } catch (RuntimeException e) {
            servers.close();
            throw e;
        }
    }

    /**
     * The broker starts on its own thread while the PostgreSQL servers start on this one: they do
     * not depend on each other, and the broker is the slower of the two.
     */
    private void startAll(Pipeline pipeline, StoreLayout layout, DataDirLock lock, ProgressListener progress, int step, int steps) {
        // The log system's folder holds the shared broker, so that its data stays where it always was.
        Optional<SystemSpec> firstKafka = pipeline.systems().stream().filter(s -> s.hosted() && s.kind() == SystemKind.KAFKA)
                .min(Comparator.comparing(s -> s.role() == Role.LOG ? 0 : 1));
        FutureTask<EmbeddedKafkaBroker> kafka = null;
        if (firstKafka.isPresent()) {
            progress.progress(step, steps, "Starting Kafka (" + firstKafka.get().id() + ")");
            kafka = new FutureTask<>(() -> EmbeddedKafkaBroker.start(layout.systemDir(firstKafka.get())));
            NamedThreads.start("kafka-start", kafka);
        }
        RuntimeException failure = null;
        try {
            startPostgres(pipeline, layout, lock, progress, step, steps);
        } catch (RuntimeException e) {
            failure = e;
        }
        if (kafka != null) {
            if (failure == null && !kafka.isDone()) {
                progress.progress(step, steps, "Starting Kafka (" + firstKafka.get().id() + ")");
            }
            try {
                broker = join(kafka, layout.systemDir(firstKafka.get()));
                started.push(broker);
                for (SystemSpec s : pipeline.systems()) {
                    if (s.hosted() && s.kind() == SystemKind.KAFKA) {
                        lock.publish(s.id() + ".address", broker.bootstrapServers());
                        addresses.put(s.id(), new Connection(broker.bootstrapServers(), null, null, null, null));
                    }
                }
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void startPostgres(Pipeline pipeline, StoreLayout layout, DataDirLock lock, ProgressListener progress, int step, int steps) {
        for (SystemSpec s : pipeline.systems()) {
            if (s.hosted() && s.kind() == SystemKind.POSTGRES) {
                progress.progress(step, steps, "Starting PostgreSQL (" + s.id() + ")");
                EmbeddedPostgresServer server = EmbeddedPostgresServer.start(layout.systemDir(s));
                started.push(server);
                postgres.put(s.id(), server);
                lock.publish(s.id() + ".address", server.address());
                lock.publish(s.id() + ".jdbc", server.jdbcUrl());
                addresses.put(s.id(), new Connection(server.address(), server.database(), server.user(), Secret.literal(server.password()), null));
            }
        }
    }

    private static EmbeddedKafkaBroker join(FutureTask<EmbeddedKafkaBroker> kafka, Path dir) {
        try {
            return kafka.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new StoreException("cannot start the embedded Kafka broker in " + dir + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HeadwaterException("interrupted while the embedded Kafka broker in " + dir + " was starting", e);
        }
    }

    /** How to reach a hosted server, by system id; empty for systems that are not hosted servers. */
    Optional<Connection> address(String systemId) {
        return Optional.ofNullable(addresses.get(systemId));
    }

    /** The embedded PostgreSQL of a hosted postgres system. */
    Optional<EmbeddedPostgresServer> postgres(String systemId) {
        return Optional.ofNullable(postgres.get(systemId));
    }

    /** The first embedded PostgreSQL (the demo's system of record). */
    Optional<EmbeddedPostgresServer> firstPostgres() {
        return postgres.values().stream().findFirst();
    }

    /** The embedded Kafka broker, when some kafka system is hosted. */
    Optional<EmbeddedKafkaBroker> broker() {
        return Optional.ofNullable(broker);
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(HostedServers.class).warn("while stopping {}: {}", c, e.getMessage(), e);
            }
        }
    }
}
