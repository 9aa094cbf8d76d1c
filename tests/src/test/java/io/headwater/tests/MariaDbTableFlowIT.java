package io.headwater.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.app.runtime.FlowVerification;
import io.headwater.app.runtime.LivePipeline;
import io.headwater.app.runtime.RebuildRunner;
import io.headwater.engine.integrity.Finding;
import io.headwater.engine.integrity.FindingType;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.tests.attach.LocalMariaDb;
import io.headwater.tests.attach.SqlTablePipeline;
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
 * A consume flow that Headwater runs into a table of the machine's MariaDB (a database of its own,
 * declared writable): verified clean against the record, damage found by key, healed by a rebuild
 * swapped in with RENAME TABLE, the previous table kept.
 */
class MariaDbTableFlowIT {
    private static final DatasetRef WAREHOUSE = DatasetRef.parse(SqlTablePipeline.DATASET);

    @TempDir
    Path dir;

    private String database;

    @BeforeEach
    void createDatabase() throws SQLException {
        LocalMariaDb.assumeRunning();
        database = LocalMariaDb.createDatabase("hw_warehouse");
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        LocalMariaDb.dropDatabase(database);
    }

    private List<String> strings(String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = LocalMariaDb.connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static VerificationResult verify(LivePipeline rt) {
        Flow flow = rt.pipeline().flow(SqlTablePipeline.FLOW).orElseThrow();
        return new FlowVerification(rt, VerifyOptions.defaults()).verify(flow, new Cancellation(), ProgressListener.NONE, f -> { });
    }

    private static List<Object> keys(VerificationResult r, FindingType type) {
        return r.findings(type).stream().map(Finding::key).map(k -> k.get("id")).toList();
    }

    @Test
    void aConsumeFlowIntoMariaDbVerifiesCleanFindsDamageByKeyAndARebuildSwapsInClean() throws Exception {
        Path config = SqlTablePipeline.write(dir, "mysql", LocalMariaDb.ADDRESS, database, LocalMariaDb.USER);
        try (LivePipeline rt = LivePipeline.start(SqlTablePipeline.load(config, dir.resolve("data")), LivePipeline.Options.demo(33),
                ProgressListener.NONE)) {
            LivePipelineIT.awaitCaughtUp(rt);
            VerificationResult clean = verify(rt);
            assertThat(clean.clean()).as("%s", clean.counts()).isTrue();
            assertThat(clean.compared()).isPositive().isEqualTo(Long.parseLong(strings("SELECT count(*) FROM customers").get(0)));

            List<String> ids = strings("SELECT id FROM customers ORDER BY id LIMIT 2");
            LocalMariaDb.execute(database, "UPDATE customers SET email = 'wrong@example.com' WHERE id = " + ids.get(0),
                    "DELETE FROM customers WHERE id = " + ids.get(1),
                    "INSERT INTO customers (id, name, email, country) VALUES (9999999, 'Orphan', 'o@example.com', 'XX')");
            VerificationResult damaged = verify(rt);
            assertThat(keys(damaged, FindingType.MISMATCHED)).containsExactly(Long.parseLong(ids.get(0)));
            assertThat(keys(damaged, FindingType.MISSING)).containsExactly(Long.parseLong(ids.get(1)));
            assertThat(keys(damaged, FindingType.EXTRA)).containsExactly(9_999_999L);

            String step = rt.sink(WAREHOUSE).orElseThrow().swapStep();
            RebuildRunner.Outcome o = new RebuildRunner(rt, VerifyOptions.defaults(), 0)
                    .rebuild(WAREHOUSE, new Cancellation(), ProgressListener.NONE, ProgressListener.NONE, f -> { });
            assertThat(o.swapped()).as("%s", o.verification().counts()).isTrue();
            assertThat(verify(rt).clean()).isTrue();
            List<String> previous = strings("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                    + " AND table_name LIKE 'customers\\_\\_hw\\_%'");
            assertThat(previous).singleElement().asString().startsWith("customers__hw_prev_");
            assertThat(step).contains("RENAME TABLE").contains(previous.get(0));
            assertThat(strings("SELECT dataset FROM headwater_checkpoints ORDER BY dataset")).as("no marker of the swap is left")
                    .containsExactly("customers", previous.get(0));
        }
    }
}
