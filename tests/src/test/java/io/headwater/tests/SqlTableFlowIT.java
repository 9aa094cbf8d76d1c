package io.headwater.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.app.runtime.FlowVerification;
import io.headwater.app.runtime.LivePipeline;
import io.headwater.app.runtime.RebuildRunner;
import io.headwater.connectors.demo.DemoDataGenerator;
import io.headwater.engine.integrity.Finding;
import io.headwater.engine.integrity.FindingType;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.tests.attach.LocalPostgres;
import io.headwater.tests.attach.SqlTablePipeline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consume flow that Headwater runs into a table of the machine's PostgreSQL (the user's server,
 * a database of its own per test, declared writable): verified clean against the system of
 * record, damage made behind the flow's back found by key, healed by a rebuild swapped in by
 * rename, and a rebuild whose shadow disagrees with the record refused.
 */
class SqlTableFlowIT {
    private static final DatasetRef WAREHOUSE = DatasetRef.parse(SqlTablePipeline.DATASET);
    private static final long ORPHAN = 9_999_999L;

    @TempDir
    Path dir;

    private String database;

    @BeforeEach
    void createDatabase() throws SQLException {
        LocalPostgres.assumeRunning();
        database = LocalPostgres.createDatabase("hw_warehouse");
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        LocalPostgres.dropDatabase(database);
    }

    private Pipeline pipeline() throws Exception {
        return SqlTablePipeline.load(SqlTablePipeline.write(dir, "postgres", LocalPostgres.ADDRESS, database, LocalPostgres.USER), dir.resolve("data"));
    }

    private List<String> strings(String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = LocalPostgres.connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private List<String> previousTables() throws SQLException {
        return strings("SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'customers\\_\\_hw\\_%' ORDER BY 1");
    }

    private static VerificationResult verify(LivePipeline rt) {
        Flow flow = rt.pipeline().flow(SqlTablePipeline.FLOW).orElseThrow();
        return new FlowVerification(rt, VerifyOptions.defaults()).verify(flow, new Cancellation(), ProgressListener.NONE, f -> { });
    }

    private static List<Object> keys(VerificationResult r, FindingType type) {
        return r.findings(type).stream().map(Finding::key).map(k -> k.get("id")).toList();
    }

    @Test
    void aConsumeFlowIntoPostgresVerifiesCleanFindsDamageByKeyAndARebuildSwapsInClean() throws Exception {
        try (LivePipeline rt = LivePipeline.start(pipeline(), LivePipeline.Options.demo(31), ProgressListener.NONE)) {
            LivePipelineIT.awaitCaughtUp(rt);
            List<String> ids = new ArrayList<>();
            try (Connection c = rt.recordDataSource().orElseThrow().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id FROM customers ORDER BY id")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            VerificationResult clean = verify(rt);
            assertThat(clean.clean()).as("%s", clean.counts()).isTrue();
            assertThat(clean.compared()).isEqualTo(ids.size()).isPositive();
            assertThat(strings("SELECT checkpoint FROM headwater_checkpoints WHERE dataset = 'customers'"))
                    .singleElement().asString().contains("demo.public.customers");

            long corrupted = Long.parseLong(ids.get(0));
            long deleted = Long.parseLong(ids.get(1));
            LocalPostgres.execute(database, "UPDATE customers SET email = 'wrong@example.com' WHERE id = " + corrupted,
                    "DELETE FROM customers WHERE id = " + deleted,
                    "INSERT INTO customers (id, name, email, country) VALUES (" + ORPHAN + ", 'Orphan', 'o@example.com', 'XX')");
            VerificationResult damaged = verify(rt);
            assertThat(damaged.counts().mismatched()).isEqualTo(1);
            assertThat(damaged.counts().missing()).isEqualTo(1);
            assertThat(damaged.counts().extra()).isEqualTo(1);
            assertThat(keys(damaged, FindingType.MISMATCHED)).containsExactly(corrupted);
            assertThat(keys(damaged, FindingType.MISSING)).containsExactly(deleted);
            assertThat(keys(damaged, FindingType.EXTRA)).containsExactly(ORPHAN);

            String step = rt.sink(WAREHOUSE).orElseThrow().swapStep();
            RebuildRunner.Outcome o = new RebuildRunner(rt, VerifyOptions.defaults(), 0)
                    .rebuild(WAREHOUSE, new Cancellation(), ProgressListener.NONE, ProgressListener.NONE, f -> { });
            assertThat(o.swapped()).as("%s", o.verification().counts()).isTrue();
            assertThat(verify(rt).clean()).isTrue();
            List<String> left = previousTables();
            assertThat(left).singleElement().asString().startsWith("customers__hw_prev_");
            assertThat(step).contains("ALTER TABLE").contains(left.get(0)).contains("customers__hw_shadow");
            assertThat(strings("SELECT name FROM " + left.get(0) + " WHERE id = " + ORPHAN)).as("the previous table is kept as it was")
                    .containsExactly("Orphan");

            try (Connection c = rt.recordDataSource().orElseThrow().getConnection()) {
                DemoDataGenerator g = new DemoDataGenerator(c, 31);
                for (int i = 0; i < 100; i++) {
                    g.randomOperation();
                }
            }
            LivePipelineIT.awaitCaughtUp(rt);
            VerificationResult after = verify(rt);
            assertThat(after.clean()).as("the consumer keeps the swapped-in table: %s", after.counts()).isTrue();
        }
    }

    @Test
    void aShadowThatDisagreesWithTheRecordIsNotSwappedInAndTheLiveTableIsUntouched() throws Exception {
        try (LivePipeline rt = LivePipeline.start(pipeline(), LivePipeline.Options.demo(32), ProgressListener.NONE)) {
            LivePipelineIT.awaitCaughtUp(rt);
            // A change in the log that PostgreSQL never made: a rebuild from the log is wrong too.
            rt.eventLog().produce("demo.public.customers", "{\"id\":5}".getBytes(StandardCharsets.UTF_8),
                    ("{\"before\":null,\"after\":{\"id\":5,\"name\":\"Not In Postgres\",\"email\":\"x@y\",\"phone\":null,\"country\":\"XX\","
                            + "\"created_at\":\"2020-01-01T00:00:00Z\",\"updated_at\":\"2020-01-01T00:00:00Z\"},\"op\":\"u\","
                            + "\"source\":{\"ts_ms\":1,\"lsn\":1,\"schema\":\"public\",\"table\":\"customers\"}}").getBytes(StandardCharsets.UTF_8));
            LivePipelineIT.awaitCaughtUp(rt);
            DerivedSink live = rt.sink(WAREHOUSE).orElseThrow();
            Checkpoint checkpoint = live.checkpoint();
            List<String> rows = strings("SELECT id || ' ' || name || ' ' || email FROM customers ORDER BY id");

            RebuildRunner.Outcome refused = new RebuildRunner(rt, VerifyOptions.defaults(), 0)
                    .rebuild(WAREHOUSE, new Cancellation(), ProgressListener.NONE, ProgressListener.NONE, f -> { });

            assertThat(refused.swapped()).isFalse();
            assertThat(keys(refused.verification(), FindingType.MISMATCHED)).containsExactly(5L);
            assertThat(rt.sink(WAREHOUSE).orElseThrow()).isSameAs(live);
            assertThat(live.hasShadow()).isFalse();
            assertThat(previousTables()).as("neither a shadow nor a previous table is left").isEmpty();
            assertThat(live.checkpoint()).isEqualTo(checkpoint);
            assertThat(strings("SELECT id || ' ' || name || ' ' || email FROM customers ORDER BY id")).isEqualTo(rows);
        }
    }
}
