package io.headwater.connectors.postgres;

import io.headwater.connectors.embedded.PortFile;
import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.Secret;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.status.SystemStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedPostgresServerIT {
    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private Process child;

    @AfterEach
    void cleanUp() throws Exception {
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        // a postmaster that a killed child left behind must not outlive the test
        EmbeddedPostgresServer.stopLeftoverPostmaster(dir.resolve("pg").resolve(EmbeddedPostgresServer.DATA_DIR));
    }

    private EmbeddedPostgresServer start(Path systemDir) {
        EmbeddedPostgresServer s = EmbeddedPostgresServer.start(systemDir);
        toClose.add(s);
        return s;
    }

    @Test
    void keepsDataAndPortAcrossRestartOnTheSameDirectory() throws Exception {
        Path systemDir = dir.resolve("pg");
        long t0 = System.nanoTime();
        EmbeddedPostgresServer first = start(systemDir);
        long cold = System.nanoTime() - t0;
        int port = first.port();
        execute(first, "CREATE TABLE public.kept (id bigint PRIMARY KEY, name text)",
                "INSERT INTO public.kept VALUES (1, 'one'), (2, 'two')");
        assertThat(query(first, "SHOW wal_level")).isEqualTo("logical");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmbeddedPostgresServer.start(systemDir))
                .isInstanceOf(io.headwater.engine.StoreException.class).hasMessageContaining("already started");
        assertThat(query(first, "SELECT count(*) FROM public.kept")).isEqualTo("2"); // a refused second start leaves the first alone
        first.close();

        t0 = System.nanoTime();
        EmbeddedPostgresServer second = start(systemDir);
        long warm = System.nanoTime() - t0;
        System.out.printf("PG start cold %d ms, warm %d ms%n", cold / 1_000_000, warm / 1_000_000);

        assertThat(second.port()).isEqualTo(port);
        assertThat(second.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + port + "/postgres");
        assertThat(query(second, "SELECT string_agg(name, ',' ORDER BY id) FROM public.kept")).isEqualTo("one,two");
        assertThat(Files.readString(systemDir.resolve(PortFile.FILE_NAME))).contains("port=" + port);
    }

    @Test
    void startsAgainAfterTheOwningJvmWasKilled() throws Exception {
        Path systemDir = dir.resolve("pg");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                PostgresChildMain.class.getName(), systemDir.toString())
                .redirectErrorStream(true).start();
        int childPort = awaitReady(child);
        try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + childPort + "/postgres", "postgres", "x");
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE public.survivor (id bigint PRIMARY KEY)");
            st.execute("INSERT INTO public.survivor VALUES (42)");
        }
        child.destroyForcibly(); // SIGKILL: no shutdown hook, the postmaster stays up
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(EmbeddedPostgresServer.leftoverPostmaster(systemDir.resolve(EmbeddedPostgresServer.DATA_DIR))).isPresent();

        EmbeddedPostgresServer server = start(systemDir);

        assertThat(server.port()).isEqualTo(childPort);
        assertThat(query(server, "SELECT id FROM public.survivor")).isEqualTo("42");
    }

    @Test
    void monitorCountsRowsAndNamesTheAddressWhenUnreachable() throws Exception {
        EmbeddedPostgresServer server = start(dir.resolve("pg"));
        execute(server, "CREATE TABLE public.\"Mixed Case\" (id bigint PRIMARY KEY)",
                "INSERT INTO public.\"Mixed Case\" SELECT generate_series(1, 7)");
        Dataset table = new Dataset(new DatasetRef("pg", "mixed"), "public.Mixed Case", List.of("id"),
                List.of(new Field("id", FieldType.INTEGER)), null);
        SystemSpec spec = new SystemSpec("pg", SystemKind.POSTGRES, Role.RECORD, true, Connection.NONE, List.of(table));

        SystemStatus up = PostgresMonitor.forEmbedded(spec, server).status();
        assertThat(up.reachable()).isTrue();
        assertThat(up.datasets()).singleElement().satisfies(d -> assertThat(d.size()).isEqualTo(7));

        int closedPort = PortFile.freePort();
        SystemSpec external = new SystemSpec("pg", SystemKind.POSTGRES, Role.RECORD, false,
                new Connection("127.0.0.1:" + closedPort, "postgres", "postgres", Secret.literal("x"), null), List.of(table));
        SystemStatus down = PostgresMonitor.forSpec(external).status();
        assertThat(down.reachable()).isFalse();
        assertThat(down.message()).contains("127.0.0.1:" + closedPort);
    }

    private static int awaitReady(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            if (line.startsWith("READY ")) {
                Thread drain = new Thread(() -> drain(out), "headwater-test-child-output");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(line.substring(6).trim());
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("child JVM did not start PostgreSQL:\n" + seen);
    }

    private static void drain(BufferedReader out) {
        try {
            out.transferTo(java.io.Writer.nullWriter()); // so the child never blocks on a full pipe
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void execute(EmbeddedPostgresServer s, String... sql) throws SQLException {
        try (var c = s.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String q : sql) {
                st.execute(q);
            }
        }
    }

    static String query(EmbeddedPostgresServer s, String sql) throws SQLException {
        try (var c = s.dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
