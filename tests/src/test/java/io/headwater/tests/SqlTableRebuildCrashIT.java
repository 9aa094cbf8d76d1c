package io.headwater.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.app.runtime.FlowVerification;
import io.headwater.app.runtime.LivePipeline;
import io.headwater.connectors.demo.DemoDataGenerator;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.tests.attach.LocalMariaDb;
import io.headwater.tests.attach.LocalPostgres;
import io.headwater.tests.attach.SqlTablePipeline;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code headwater rebuild} of a PostgreSQL or MariaDB table (the machine's servers, a database of
 * its own) in a child process, killed with SIGKILL once its shadow table has committed at least
 * {@value #KILL_AFTER} events (read from the shadow's checkpoint row), then run again: the second
 * run resumes the shadow from that row, swaps it in by rename, and the table verifies clean.
 */
class SqlTableRebuildCrashIT {
    private static final Pattern RESUMED = Pattern.compile("resumed an interrupted shadow at demo\\.public\\.customers#0=(\\d+)");
    private static final long KILL_AFTER = 200;

    @TempDir
    Path dir;

    private String kind;
    private String database;

    @AfterEach
    void dropDatabase() throws SQLException {
        if ("postgres".equals(kind)) {
            LocalPostgres.dropDatabase(database);
        } else if (database != null) {
            LocalMariaDb.dropDatabase(database);
        }
    }

    private Connection connect() throws SQLException {
        return "postgres".equals(kind) ? LocalPostgres.connect(database) : LocalMariaDb.connect(database);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mysql"})
    void aRebuildKilledAfterItsShadowCommittedResumesFromTheShadowAndSwapsInClean(String kind) throws Exception {
        this.kind = kind;
        Path config;
        if (kind.equals("postgres")) {
            LocalPostgres.assumeRunning();
            database = LocalPostgres.createDatabase("hw_crash");
            config = SqlTablePipeline.write(dir, kind, LocalPostgres.ADDRESS, database, LocalPostgres.USER);
        } else {
            LocalMariaDb.assumeRunning();
            database = LocalMariaDb.createDatabase("hw_crash");
            config = SqlTablePipeline.write(dir, kind, LocalMariaDb.ADDRESS, database, LocalMariaDb.USER);
        }
        Path dataDir = dir.resolve("data");
        Pipeline pipeline = SqlTablePipeline.load(config, dataDir);
        long topicEnd;
        try (LivePipeline rt = LivePipeline.start(pipeline, LivePipeline.Options.demo(51), ProgressListener.NONE)) {
            try (Connection c = rt.recordDataSource().orElseThrow().getConnection()) {
                DemoDataGenerator g = new DemoDataGenerator(c, 51);
                for (int i = 0; i < 2000; i++) {
                    g.randomOperation();
                }
            }
            LivePipelineIT.awaitCaughtUp(rt);
            topicEnd = rt.eventLog().endOffsets("demo.public.customers").values().stream().mapToLong(Long::longValue).sum();
        }
        assertThat(topicEnd).isGreaterThan(3 * KILL_AFTER);

        Process child = rebuild(config, dataDir, 500);
        long committed = awaitShadowCommitted(child, 120);
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(shadowCommitted()).as("the killed rebuild left its shadow at a committed batch").isGreaterThanOrEqualTo(committed);

        Process last = rebuild(config, dataDir, 0);
        assertThat(last.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String out = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(last.exitValue()).as(out + Files.readString(dir.resolve("child-err.log"))).isZero();
        Matcher resumed = RESUMED.matcher(out);
        assertThat(resumed.find()).as("the second run resumed the killed one's shadow: " + out).isTrue();
        assertThat(Long.parseLong(resumed.group(1))).isGreaterThanOrEqualTo(committed);
        assertThat(out).contains("swapped in: the rebuilt store is live").contains("swap: ").contains("customers__hw_prev_")
                .contains(kind.equals("postgres") ? "ALTER TABLE" : "RENAME TABLE");

        try (LivePipeline rt = LivePipeline.start(pipeline, LivePipeline.Options.demo(51), ProgressListener.NONE)) {
            LivePipelineIT.awaitCaughtUp(rt);
            VerificationResult r = new FlowVerification(rt, VerifyOptions.defaults())
                    .verify(pipeline.flow(SqlTablePipeline.FLOW).orElseThrow(), new Cancellation(), ProgressListener.NONE, f -> { });
            assertThat(r.clean()).as("the rebuilt table verifies clean: %s", r.counts()).isTrue();
            long records;
            try (Connection c = rt.recordDataSource().orElseThrow().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM customers")) {
                rs.next();
                records = rs.getLong(1);
            }
            assertThat(count("SELECT count(*) FROM customers")).as("one row per record, nothing doubled").isEqualTo(records);
            assertThat(shadowExists()).isFalse();
        }
    }

    private Process rebuild(Path config, Path dataDir, double maxRate) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "io.headwater.app.Main", "rebuild", "--config", config.toString(), "--data-dir",
                dataDir.toString(), "--dataset", SqlTablePipeline.DATASET, "--max-rate", Double.toString(maxRate)));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(new File(dir.resolve("child-err.log").toString()))).start();
    }

    /** The named point: waits until the shadow's checkpoint row covers at least {@value #KILL_AFTER} events; returns what it covers. */
    private long awaitShadowCommitted(Process child, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < deadline && child.isAlive()) {
            long committed = shadowCommitted();
            if (committed >= KILL_AFTER) {
                return committed;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the rebuild never committed " + KILL_AFTER + " events into its shadow: "
                + Files.readString(dir.resolve("child-err.log")));
    }

    private boolean shadowExists() throws SQLException {
        return count("SELECT count(*) FROM information_schema.tables WHERE table_name = 'customers__hw_shadow' AND table_schema = "
                + ("postgres".equals(kind) ? "current_schema()" : "DATABASE()")) > 0;
    }

    /** The events the shadow table's checkpoint row covers; 0 while there is no shadow table or no row. */
    private long shadowCommitted() throws SQLException {
        if (!shadowExists()) {
            return 0;
        }
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT checkpoint FROM headwater_checkpoints WHERE dataset = 'customers__hw_shadow'")) {
            return rs.next() ? Checkpoint.decode(rs.getString(1)).nextOffsets().values().stream().mapToLong(Long::longValue).sum() : 0;
        }
    }

    private long count(String query) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
