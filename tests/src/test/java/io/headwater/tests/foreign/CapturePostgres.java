package io.headwater.tests.foreign;

import io.headwater.connectors.postgres.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL server the foreign pipelines of this JVM capture from, chosen once:
 * <ul>
 *   <li>the machine's own server at 127.0.0.1:5432 (user {@code postgres}, trust authentication), after
 *   switching it to {@code wal_level=logical} if it is not (once per machine: {@code ALTER SYSTEM} and a
 *   restart with {@code pg_ctlcluster}, under a file lock so that two JVMs do not restart it together);</li>
 *   <li>otherwise, when there is no such server or it cannot be restarted, an embedded PostgreSQL started
 *   for this JVM and stopped when the JVM exits.</li>
 * </ul>
 * Says on one stderr line which one is used. Thread-safe.
 */
public final class CapturePostgres {
    private static final String MACHINE_HOST = "127.0.0.1";
    private static final int MACHINE_PORT = 5432;
    private static final String USER = "postgres";
    private static final Duration RESTART_WAIT = Duration.ofSeconds(60);
    private static final List<String> RESTART_COMMAND =
            List.of("pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "restart");

    private static Server chosen;

    private CapturePostgres() {
    }

    /** A PostgreSQL server with logical decoding, as a client sees it. */
    record Server(String host, int port, String user, String description) {
        String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        Connection connect(String database) throws SQLException {
            Properties p = new Properties();
            p.setProperty("user", user);
            p.setProperty("password", user); // trust authentication: any password
            p.setProperty("connectTimeout", "5");
            p.setProperty("ApplicationName", "headwater-foreign-harness");
            return DriverManager.getConnection(jdbcUrl(database), p);
        }
    }

    /**
     * Whether the machine's own server at 127.0.0.1:5432 does logical decoding for this JVM, switched to
     * {@code wal_level=logical} first if it was not; false when it is absent or cannot be switched.
     */
    public static boolean machineServerDecodes(Path workDir) {
        Server s = server(workDir);
        return s.host().equals(MACHINE_HOST) && s.port() == MACHINE_PORT;
    }

    /** The server for this JVM, chosen (and prepared) on the first call. */
    static synchronized Server server(Path workDir) {
        if (chosen == null) {
            chosen = choose(workDir);
            System.err.println("foreign pipeline: PostgreSQL = " + chosen.description());
        }
        return chosen;
    }

    private static Server choose(Path workDir) {
        Server machine = new Server(MACHINE_HOST, MACHINE_PORT, USER, "the machine's server at " + MACHINE_HOST + ":" + MACHINE_PORT);
        String walLevel;
        try {
            walLevel = walLevel(machine);
        } catch (SQLException e) {
            return embedded(workDir, "no PostgreSQL answers at " + MACHINE_HOST + ":" + MACHINE_PORT + " (" + e.getMessage() + ")");
        }
        if (walLevel.equals("logical")) {
            return machine;
        }
        try {
            switchToLogical(machine, workDir);
            return new Server(MACHINE_HOST, MACHINE_PORT, USER, machine.description()
                    + " (switched from wal_level=" + walLevel + " to logical and restarted)");
        } catch (ForeignPipelineException e) {
            return embedded(workDir, e.getMessage());
        }
    }

    private static String walLevel(Server server) throws SQLException {
        try (Connection c = server.connect("postgres");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW wal_level")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** {@code ALTER SYSTEM SET wal_level = logical} and a restart, unless another JVM did it meanwhile. */
    @SuppressWarnings("try") // the lock is held for the block, never read
    private static void switchToLogical(Server server, Path workDir) {
        Path lockFile = Path.of(System.getProperty("java.io.tmpdir"), "headwater-foreign-postgres-restart.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            if (walLevel(server).equals("logical")) {
                return; // another JVM switched it while this one waited for the lock
            }
            try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
                s.execute("ALTER SYSTEM SET wal_level = logical");
            }
            Path log = workDir.resolve("pg_ctlcluster-restart.log");
            Files.createDirectories(workDir);
            Process restart = new ProcessBuilder(RESTART_COMMAND).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!restart.waitFor(RESTART_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                restart.destroyForcibly();
                throw new ForeignPipelineException("'" + String.join(" ", RESTART_COMMAND) + "' did not finish within "
                        + RESTART_WAIT.toSeconds() + " s (see " + log + ")");
            }
            if (restart.exitValue() != 0) {
                resetWalLevel(server);
                throw new ForeignPipelineException("'" + String.join(" ", RESTART_COMMAND) + "' failed with exit code "
                        + restart.exitValue() + " (see " + log + ")");
            }
            awaitLogical(server);
        } catch (IOException e) {
            throw new ForeignPipelineException("cannot restart the machine's PostgreSQL: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new ForeignPipelineException("cannot switch the machine's PostgreSQL to wal_level=logical: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ForeignPipelineException("interrupted while restarting the machine's PostgreSQL", e);
        }
    }

    /** Takes back the pending {@code ALTER SYSTEM} when the restart failed, so that it does not apply at some later restart. */
    private static void resetWalLevel(Server server) {
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("ALTER SYSTEM RESET wal_level");
        } catch (SQLException e) {
            System.err.println("foreign pipeline: cannot reset the pending wal_level change: " + e.getMessage());
        }
    }

    private static void awaitLogical(Server server) {
        long deadline = System.nanoTime() + RESTART_WAIT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try {
                String level = walLevel(server);
                if (level.equals("logical")) {
                    return;
                }
                throw new ForeignPipelineException("the machine's PostgreSQL restarted with wal_level=" + level);
            } catch (SQLException e) {
                last = e;
            }
            Waits.pause(200);
        }
        throw new ForeignPipelineException("the machine's PostgreSQL did not accept connections within "
                + RESTART_WAIT.toSeconds() + " s after the restart" + (last == null ? "" : ": " + last.getMessage()), last);
    }

    private static Server embedded(Path workDir, String reason) {
        EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(workDir.resolve("embedded-postgres"));
        Runtime.getRuntime().addShutdownHook(new Thread(pg::close, "foreign-embedded-postgres-shutdown"));
        return new Server("localhost", pg.port(), pg.user(), "an embedded PostgreSQL (zonky) at localhost:" + pg.port()
                + ", because " + reason);
    }
}
