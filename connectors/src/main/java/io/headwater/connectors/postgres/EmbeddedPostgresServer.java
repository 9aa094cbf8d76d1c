package io.headwater.connectors.postgres;

import io.headwater.connectors.embedded.PortFile;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.StoreException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server that Headwater starts itself (zonky embedded binaries), with its cluster kept
 * in a directory across restarts.
 *
 * <p>Layout of the system directory:
 * <pre>
 *   &lt;systemDir&gt;/pgdata/           the PostgreSQL cluster (initdb on the first start only)
 *   &lt;systemDir&gt;/ports.properties  {@code port=NNNNN}, chosen on the first start and reused
 *   &lt;systemDir&gt;/postgres.log      output of initdb, pg_ctl and the server
 * </pre>
 * The server runs with {@code wal_level=logical}, {@code max_replication_slots=10} and
 * {@code max_wal_senders=10} so that Debezium can capture from it, listens on localhost only and
 * trusts local connections (superuser {@code postgres}, any password).
 *
 * <p>If a previous owner of the directory died without stopping the server (a JVM killed with
 * {@code kill -9}), the postmaster named in {@code pgdata/postmaster.pid} is still running; {@link #start}
 * stops it first (fast shutdown, then kill) so that the new start succeeds on the same data.
 *
 * <p>Thread-safe: the accessors may be called from any thread; {@link #close()} is idempotent.
 */
public final class EmbeddedPostgresServer implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    /** The superuser zonky's initdb creates. */
    public static final String USER = "postgres";
    /** The database every cluster has. */
    public static final String DATABASE = "postgres";
    static final String DATA_DIR = "pgdata";
    static final String PORT_KEY = "port";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration LEFTOVER_STOP_WAIT = Duration.ofSeconds(15);

    private final Path systemDir;
    private final EmbeddedPostgres postgres;
    private final int port;

    private EmbeddedPostgresServer(Path systemDir, EmbeddedPostgres postgres, int port) {
        this.systemDir = systemDir;
        this.postgres = postgres;
        this.port = port;
    }

    /**
     * Starts the server on the cluster in {@code systemDir}, creating it on the first start.
     *
     * @throws StoreException when the directory cannot be used or the server does not start
     */
    public static EmbeddedPostgresServer start(Path systemDir) {
        Path dir = systemDir.toAbsolutePath().normalize();
        Path dataDir = dir.resolve(DATA_DIR);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create the PostgreSQL directory " + dir + ": " + e.getMessage(), e);
        }
        ensureNoLiveOwner(dataDir);
        stopLeftoverPostmaster(dataDir);
        PortFile ports = new PortFile(dir);
        int port = ports.portOrChoose(PORT_KEY);
        if (PortFile.inUse(port)) {
            int chosen = PortFile.freePort();
            LOG.warn("Port {} of embedded PostgreSQL in {} is taken by another program; moving to port {}", port, dir, chosen);
            port = chosen;
            ports.put(PORT_KEY, port);
        }
        ports.save();
        long t0 = System.nanoTime();
        ProcessBuilderRedirects redirects = new ProcessBuilderRedirects(dir.resolve("postgres.log"));
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "10")
                    .setServerConfig("max_wal_senders", "10")
                    .setServerConfig("listen_addresses", "localhost")
                    .setPGStartupWait(STARTUP_WAIT)
                    .setOutputRedirector(redirects.redirect())
                    .setErrorRedirector(redirects.redirect())
                    .start();
            LOG.info("Embedded PostgreSQL on port {} with data in {} started in {} ms", port, dataDir,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            return new EmbeddedPostgresServer(dir, pg, port);
        } catch (IOException | RuntimeException e) {
            throw new StoreException("cannot start embedded PostgreSQL in " + dataDir + " on port " + port + ": "
                    + e.getMessage() + " (see " + redirects.file() + ")", e);
        }
    }

    /**
     * Fails when a live process (or this JVM) still owns the directory: zonky holds a lock on
     * {@code pgdata/epg-lock} while its server runs, and the OS drops it when the owner dies.
     */
    private static void ensureNoLiveOwner(Path dataDir) {
        Path lockFile = dataDir.resolve("epg-lock");
        if (!Files.isRegularFile(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new StoreException("embedded PostgreSQL in " + dataDir + " is in use by another running process");
            }
        } catch (OverlappingFileLockException e) {
            throw new StoreException("embedded PostgreSQL in " + dataDir + " is already started in this process", e);
        } catch (IOException e) {
            throw new StoreException("cannot check the lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    /** Stops a postmaster that a dead owner left running on this data directory. */
    static void stopLeftoverPostmaster(Path dataDir) {
        Optional<ProcessHandle> leftover = leftoverPostmaster(dataDir);
        if (leftover.isEmpty()) {
            return;
        }
        ProcessHandle postmaster = leftover.get();
        LOG.warn("PostgreSQL (pid {}) is still running on {} from an earlier session; stopping it", postmaster.pid(), dataDir);
        List<ProcessHandle> children = postmaster.descendants().toList();
        signal(postmaster.pid(), "INT"); // fast shutdown: disconnects clients, checkpoints, exits
        if (!awaitExit(postmaster, LEFTOVER_STOP_WAIT)) {
            LOG.warn("PostgreSQL (pid {}) did not stop within {} s; killing it", postmaster.pid(), LEFTOVER_STOP_WAIT.toSeconds());
            postmaster.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            if (!awaitExit(postmaster, Duration.ofSeconds(5))) {
                throw new StoreException("cannot stop the PostgreSQL server (pid " + postmaster.pid()
                        + ") left running on " + dataDir);
            }
        }
        children.forEach(c -> awaitExit(c, Duration.ofSeconds(5)));
    }

    /** The live postmaster named by {@code postmaster.pid}, if it is one. */
    static Optional<ProcessHandle> leftoverPostmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            pid = Long.parseLong(lines.get(0).trim());
        } catch (IOException | NumberFormatException e) {
            LOG.warn("Ignoring unreadable {}: {}", pidFile, e.getMessage());
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.endsWith("postgres") || c.endsWith("postmaster")).orElse(true));
    }

    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
            }
        } catch (IOException e) {
            LOG.warn("Cannot signal PostgreSQL pid {}: {}", pid, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HeadwaterException("interrupted while stopping PostgreSQL pid " + pid, e);
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        CompletableFuture<ProcessHandle> exit = process.onExit();
        try {
            exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            throw new HeadwaterException("waiting for pid " + process.pid() + " to exit failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HeadwaterException("interrupted while waiting for pid " + process.pid() + " to exit", e);
        }
    }

    /** The directory this server keeps its cluster, port file and log in. */
    public Path systemDir() {
        return systemDir;
    }

    public String host() {
        return "localhost";
    }

    public int port() {
        return port;
    }

    /** {@code host:port}, as a pipeline's {@code address}. */
    public String address() {
        return host() + ":" + port;
    }

    public String database() {
        return DATABASE;
    }

    public String user() {
        return USER;
    }

    /** The password to give clients; the server trusts local connections, so any value works. */
    public String password() {
        return USER;
    }

    /** The JDBC URL of the {@code postgres} database, without credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + address() + "/" + DATABASE;
    }

    /** A data source for the {@code postgres} database as the superuser. */
    public DataSource dataSource() {
        return postgres.getDatabase(USER, DATABASE);
    }

    /** Stops the server (fast shutdown); the data stay in the directory. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new StoreException("cannot stop embedded PostgreSQL in " + systemDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedPostgresServer[" + address() + ", " + systemDir + "]";
    }

    /** Where initdb, pg_ctl and the server write their output. */
    private record ProcessBuilderRedirects(Path file) {
        ProcessBuilder.Redirect redirect() {
            return ProcessBuilder.Redirect.appendTo(file.toFile());
        }
    }
}
