package io.headwater.tests.attach;

import static io.headwater.tests.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.tests.CliRun.Result;
import io.headwater.tests.foreign.ForeignPipeline;
import io.headwater.tests.foreign.ForeignPipelineOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code headwater discover} on a real Kafka Connect worker ({@link ForeignPipeline}): Debezium's
 * PostgreSQL connector capturing the bank, and a sink connector configured with the JDBC sink's keys
 * keeping {@code customers_copy} in the sink database. The discovered config verifies clean, finds a
 * row damaged behind the sink's back, and status shows the sink connector PAUSED and then FAILED with
 * its task's trace.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiscoverConnectIT {
    private static final String COPY = "customers_copy";
    private static final Duration CATCH_UP = Duration.ofSeconds(90);

    @TempDir
    static Path dir;

    static ForeignPipeline foreign;
    static String sinkConnector;
    static Path config;
    static Map<String, String> env;

    @BeforeAll
    static void start() throws SQLException {
        LocalPostgres.assumeRunning();
        foreign = ForeignPipeline.start(ForeignPipelineOptions.defaults().withRows(300, 400));
        sinkConnector = foreign.options().prefix() + "-jdbc-sink";
        foreign.startConnectSink(sinkConnector, COPY);
        awaitCopyRows(foreign.options().customers());
        config = dir.resolve("bank.yaml");
        // the connectors are given passwords, so the discovered config reads them from these variables (trust authentication: any value)
        env = Map.of(passwordVariable(foreign.sourceDatabase()), "postgres", passwordVariable(foreign.sinkDatabase()), "postgres");
    }

    @AfterAll
    static void stop() {
        if (foreign != null) {
            foreign.close();
        }
    }

    private static String passwordVariable(String database) {
        return database.toUpperCase(Locale.ROOT) + "_PASSWORD";
    }

    private static void awaitCopyRows(long rows) throws SQLException {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        long n = -1;
        while (System.nanoTime() < deadline) {
            n = scalar("SELECT count(*) FROM " + COPY);
            if (n == rows) {
                return;
            }
            pause(200);
        }
        throw new AssertionError(COPY + " holds " + n + " rows, not " + rows + ", after " + CATCH_UP.toSeconds() + " s");
    }

    private static long scalar(String sql) throws SQLException {
        try (Connection c = foreign.openSink(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Test
    @Order(1)
    void discoversTheCaptureAndTheConnectSinkAsAConfigWithPlaceholdersForSecrets() throws IOException {
        long t0 = System.nanoTime();
        Result r = run(env, "discover", "--connect", foreign.connectRestUrl(), "--kafka", foreign.bootstrapServers(), "--out",
                config.toString(), "--name", "bank", "--data-dir", dir.resolve("data").toString());
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertThat(r.code()).as(r.all()).isZero();
        String yaml = Files.readString(config);
        assertThat(yaml).contains("connect: " + foreign.connectRestUrl())
                .contains("- id: capture-customers").contains("- id: capture-accounts").contains("- id: sink-customers_copy")
                .contains("slot: " + foreign.slotName()).contains("consumer-group: connect-" + sinkConnector)
                .contains("connector: " + foreign.connectorName()).contains("connector: " + sinkConnector)
                .contains("name: " + foreign.topic("customers")).contains("name: public." + COPY)
                .contains("password: ${" + passwordVariable(foreign.sourceDatabase()) + "}")
                .doesNotContain("password: postgres").doesNotContain("runs: headwater");
        assertThat(yaml.split("\n    runs: external", -1)).hasSize(4);
        assertThat(r.err()).contains(sinkConnector + "  RUNNING, task 0 RUNNING").contains("3 flows");
        System.err.println("discovery of the test cluster (2 connectors, 2 databases): " + ms + " ms wall, the command's own figure: "
                + r.err().lines().filter(l -> l.startsWith("discovered from")).findFirst().orElse("?"));
    }

    @Test
    @Order(2)
    void verifyConnectDiscoversAndVerifiesEverySinkClean() {
        Result r = run(env, "verify", "--connect", foreign.connectRestUrl(), "--kafka", foreign.bootstrapServers(), "--data-dir",
                dir.resolve("data-connect").toString());

        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("sink-customers_copy").contains("CLEAN").doesNotContain("CORRUPT");
    }

    @Test
    @Order(3)
    void findsARowDamagedInTheSinkTableByKeyAndField() throws SQLException {
        long victim = scalar("SELECT min(id) FROM " + COPY);
        try (Connection c = foreign.openSink(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE " + COPY + " SET email = 'tampered@example.com' WHERE id = " + victim)).isEqualTo(1);
        }

        Result r = run(env, "verify", "--config", config.toString(), "--flow", "sink-customers_copy");

        assertThat(r.code()).as(r.all()).isEqualTo(1);
        assertThat(r.out()).contains("CORRUPT").contains("mismatched 1").contains("{id=" + victim + "}").contains("fields [email]");
    }

    @Test
    @Order(4)
    void statusShowsTheSinkConnectorPausedThenFailedWithItsTasksTrace() {
        Result running = run(env, "status", "--config", config.toString());
        assertThat(running.out()).as(running.all()).containsPattern(sinkConnector + " +RUNNING, task 0 RUNNING");

        foreign.pauseConnector(sinkConnector);
        Result paused = run(env, "status", "--config", config.toString());
        assertThat(paused.out()).as(paused.all()).containsPattern(sinkConnector + " +PAUSED, task 0 PAUSED")
                .containsPattern(foreign.connectorName() + " +RUNNING");

        foreign.resumeConnector(sinkConnector);
        foreign.putConnector(sinkConnector, foreign.connectSinkConfig("no_such_table", foreign.sinkJdbcUrl()));
        foreign.awaitTaskFailed(sinkConnector);
        Result failed = run(env, "status", "--config", config.toString());
        assertThat(failed.code()).as(failed.all()).isEqualTo(1);
        assertThat(failed.out()).containsPattern(sinkConnector + " +RUNNING, task 0 FAILED")
                .contains("task 0: org.apache.kafka.connect.errors.ConnectException: table no_such_table does not exist");

        Result rediscovered = run(env, "discover", "--connect", foreign.connectRestUrl(), "--kafka", foreign.bootstrapServers());
        assertThat(rediscovered.err()).contains(sinkConnector + "  RUNNING, task 0 FAILED");
        assertThat(rediscovered.out()).contains("# table public.no_such_table was not found in the sink database: its fields are the source's");
    }
}
