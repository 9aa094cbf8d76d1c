package io.headwater.connectors.h2;

import static io.headwater.connectors.mvstore.SinkFixtures.create;
import static io.headwater.connectors.mvstore.SinkFixtures.customer;
import static io.headwater.connectors.mvstore.SinkFixtures.customers;
import static io.headwater.connectors.mvstore.SinkFixtures.customersFlow;
import static io.headwater.connectors.mvstore.SinkFixtures.through;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.connectors.mvstore.SinkFixtures;
import io.headwater.connectors.verify.SqlVerifySide;
import io.headwater.engine.StoreException;
import io.headwater.engine.integrity.FingerprintAlgorithm;
import io.headwater.engine.integrity.FingerprintedRow;
import io.headwater.engine.integrity.KeyRange;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.DerivedSink;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rebuilding an H2 table into a shadow generation and promoting it, on a real database file. */
class H2ShadowTest {
    private static final Dataset CUSTOMERS = customers("customers");

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("analytics") + ";AUTO_SERVER=TRUE";
    }

    private H2AnalyticsSink openLive() {
        return H2AnalyticsSink.open(url(), CUSTOMERS, customersFlow());
    }

    private static List<String> names(DatasetReader reader) {
        List<String> out = new ArrayList<>();
        reader.scan(r -> out.add((String) r.get("name")));
        return out;
    }

    private List<String> sql(String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private void execute(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private List<String> tables() throws SQLException {
        return sql("SELECT TABLE_NAME || ' ' || TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY TABLE_NAME");
    }

    /** Live holds Ann and Bob through offset 1; the shadow holds Xavier through offset 7. */
    private DerivedSink liveWithShadow(H2AnalyticsSink live) {
        live.apply(List.of(create(0, customer(1, "Ann", "a@x.org")), create(1, customer(2, "Bob", "b@x.org"))), through(1));
        DerivedSink shadow = live.openShadow();
        assertThat(shadow.count()).isZero();
        assertThat(shadow.checkpoint()).isEqualTo(Checkpoint.EMPTY);
        shadow.apply(List.of(create(7, customer(9, "Xavier", "x@x.org"))), through(7));
        return shadow;
    }

    @Test
    void aNewTableIsAViewOverGenerationZeroKeyedByTheDatasetName() throws SQLException {
        try (H2AnalyticsSink live = openLive()) {
            live.apply(List.of(create(0, customer(1, "Ann", "a@x.org"))), through(0));
            assertThat(live.tableName()).isEqualTo("customers_G0");
        }
        assertThat(tables()).containsExactly("CUSTOMERS VIEW", "CUSTOMERS_G0 BASE TABLE", "HEADWATER_CHECKPOINTS BASE TABLE");
        assertThat(sql("SELECT DATASET FROM HEADWATER_CHECKPOINTS")).containsExactly("customers");
    }

    @Test
    void shadowStartsEmptyWithItsOwnCheckpointAndLiveReadersDoNotSeeIt() throws SQLException {
        try (H2AnalyticsSink live = openLive(); DerivedSink shadow = liveWithShadow(live); DatasetReader reader = H2TableReader.open(url(), CUSTOMERS)) {
            assertThat(live.hasShadow()).isTrue();
            assertThat(shadow.count()).isEqualTo(1);
            assertThat(live.count()).isEqualTo(2);
            assertThat(live.checkpoint()).isEqualTo(through(1));
            assertThat(names(reader)).containsExactly("Ann", "Bob");
            assertThat(sql("SELECT name FROM customers ORDER BY customer_id")).containsExactly("Ann", "Bob");
            try (DatasetReader shadowReader = shadow.reader()) {
                assertThat(names(shadowReader)).containsExactly("Xavier");
            }
        }
    }

    @Test
    void shadowSurvivesReopenSoTheRebuildResumesFromItsCheckpoint() {
        try (H2AnalyticsSink live = openLive(); DerivedSink shadow = liveWithShadow(live)) {
            assertThat(shadow.count()).isEqualTo(1);
        }
        try (H2AnalyticsSink live = openLive()) {
            assertThat(live.hasShadow()).isTrue();
            assertThat(live.checkpoint()).isEqualTo(through(1));
            try (DerivedSink shadow = live.openShadow()) {
                assertThat(shadow.checkpoint()).isEqualTo(through(7));
                assertThat(shadow.count()).isEqualTo(1);
            }
        }
    }

    @Test
    void promoteShowsNewDataByTheOriginalNameAndReadersOpenedBeforeNeverMixGenerations() throws SQLException {
        H2AnalyticsSink live = openLive();
        DerivedSink shadow = liveWithShadow(live);
        try (H2TableReader before = H2TableReader.open(url(), CUSTOMERS)) {
            assertThat(names(before)).containsExactly("Ann", "Bob");
            live.promote(shadow);
            live.close();
            // H2 drops the replaced generation at once: an earlier reader fails rather than show new rows.
            assertThatThrownBy(() -> names(before)).isInstanceOf(StoreException.class).hasMessageContaining("customers_G0");
            try (H2TableReader after = H2TableReader.open(url(), CUSTOMERS)) {
                assertThat(names(after)).containsExactly("Xavier");
                assertThat(after.checkpoint()).isEqualTo(through(7));
                assertThat(after.dataset()).isEqualTo(CUSTOMERS);
            }
            assertThat(shadow.checkpoint()).isEqualTo(through(7));
            shadow.apply(List.of(create(8, customer(10, "Yara", "y@x.org"))), through(8));
        } finally {
            shadow.close();
        }
        assertThat(sql("SELECT name FROM customers ORDER BY customer_id")).containsExactly("Xavier", "Yara");
        assertThat(tables()).containsExactly("CUSTOMERS VIEW", "CUSTOMERS_G1 BASE TABLE", "HEADWATER_CHECKPOINTS BASE TABLE");
        assertThat(sql("SELECT DATASET FROM HEADWATER_CHECKPOINTS")).containsExactly("customers_G1");
        try (H2AnalyticsSink reopened = openLive(); H2TableReader reader = H2TableReader.open(url(), CUSTOMERS)) {
            assertThat(reopened.checkpoint()).isEqualTo(through(8));
            assertThat(reopened.hasShadow()).isFalse();
            assertThat(names(reader)).containsExactly("Xavier", "Yara");
        }
    }

    @Test
    void verifierReadsThePromotedGenerationByThePhysicalName() {
        Dataset positions = SinkFixtures.composite("positions");
        try (H2AnalyticsSink live = H2AnalyticsSink.open(url(), positions, SinkFixtures.identity(positions))) {
            live.apply(SinkFixtures.creates(positions, List.of(Row.of("region", "a", "seq", 1L, "note", "old"))), through(0));
            try (DerivedSink shadow = live.openShadow()) {
                shadow.apply(SinkFixtures.creates(positions, List.of(Row.of("region", "b", "seq", 1L, "note", "new"),
                        Row.of("region", "c", "seq", 2L, "note", "new"))), through(1));
                live.promote(shadow);
            }
        }
        try (SqlVerifySide side = SqlVerifySide.forDerived(() -> DriverManager.getConnection(url()), SqlDialect.H2, positions, positions,
                SinkFixtures.identity(positions))) {
            List<FingerprintedRow> rows = new ArrayList<>();
            side.scan(KeyRange.ALL, FingerprintAlgorithm.SHA256_64, true, rows::add);
            assertThat(side.count()).isEqualTo(2);
            assertThat(rows).extracting(r -> r.values().get("note")).containsExactly("new", "new");
        }
    }

    @Test
    void discardShadowDropsItAndLeavesTheLiveTableUntouched() throws SQLException {
        try (H2AnalyticsSink live = openLive()) {
            DerivedSink shadow = liveWithShadow(live);
            shadow.close();
            live.discardShadow();
            assertThat(live.hasShadow()).isFalse();
            assertThat(live.count()).isEqualTo(2);
            assertThat(live.checkpoint()).isEqualTo(through(1));
        }
        assertThat(tables()).containsExactly("CUSTOMERS VIEW", "CUSTOMERS_G0 BASE TABLE", "HEADWATER_CHECKPOINTS BASE TABLE");
        assertThat(sql("SELECT name FROM customers ORDER BY customer_id")).containsExactly("Ann", "Bob");
    }

    @Test
    void aShadowLeftWithoutCheckpointIsRecreatedEmpty() throws SQLException {
        try (H2AnalyticsSink live = openLive(); DerivedSink shadow = liveWithShadow(live)) {
            assertThat(shadow.count()).isEqualTo(1);
        }
        // A crash inside discardShadow after the checkpoint row went, before the table did.
        execute("DELETE FROM HEADWATER_CHECKPOINTS WHERE DATASET = 'customers_G1'");
        try (H2AnalyticsSink live = openLive(); DerivedSink shadow = live.openShadow()) {
            assertThat(shadow.checkpoint()).isEqualTo(Checkpoint.EMPTY);
            assertThat(shadow.count()).isZero();
        }
    }

    @Test
    void aPromotionCutBeforeTheOldGenerationWasDroppedIsFinishedOnOpen() throws SQLException {
        try (H2AnalyticsSink live = openLive(); DerivedSink shadow = liveWithShadow(live)) {
            assertThat(shadow.count()).isEqualTo(1);
        }
        // A crash right after the switch: the view shows G1, G0 is still there.
        execute("CREATE OR REPLACE VIEW CUSTOMERS AS SELECT * FROM CUSTOMERS_G1");
        try (H2AnalyticsSink live = openLive()) {
            assertThat(live.tableName()).isEqualTo("customers_G1");
            assertThat(live.checkpoint()).isEqualTo(through(7));
            assertThat(live.hasShadow()).isFalse();
        }
        assertThat(tables()).containsExactly("CUSTOMERS VIEW", "CUSTOMERS_G1 BASE TABLE", "HEADWATER_CHECKPOINTS BASE TABLE");
    }

    @Test
    void aTableWrittenBeforeRebuildsExistedKeepsWorkingAndIsMovedAsideByTheFirstShadow() throws SQLException {
        try (H2AnalyticsSink live = openLive()) {
            live.apply(List.of(create(0, customer(1, "Ann", "a@x.org")), create(1, customer(2, "Bob", "b@x.org"))), through(1));
        }
        execute("DROP VIEW CUSTOMERS", "ALTER TABLE CUSTOMERS_G0 RENAME TO CUSTOMERS"); // the layout of earlier versions
        try (H2AnalyticsSink live = openLive()) {
            assertThat(live.tableName()).isEqualTo("customers");
            assertThat(live.checkpoint()).isEqualTo(through(1));
            assertThat(live.hasShadow()).isFalse();
            live.apply(List.of(create(2, customer(3, "Cy", "c@x.org"))), through(2));
            assertThat(tables()).containsExactly("CUSTOMERS BASE TABLE", "HEADWATER_CHECKPOINTS BASE TABLE");
            try (H2TableReader legacyReader = H2TableReader.open(url(), CUSTOMERS); DerivedSink shadow = live.openShadow()) {
                assertThat(tables()).containsExactly("CUSTOMERS VIEW", "CUSTOMERS_G0 BASE TABLE", "CUSTOMERS_G1 BASE TABLE",
                        "HEADWATER_CHECKPOINTS BASE TABLE");
                assertThat(names(legacyReader)).containsExactly("Ann", "Bob", "Cy");
                assertThat(live.count()).isEqualTo(3);
                live.apply(List.of(create(3, customer(4, "Dee", "d@x.org"))), through(3));
                shadow.apply(List.of(create(7, customer(9, "Xavier", "x@x.org"))), through(7));
                live.promote(shadow);
            }
        }
        assertThat(sql("SELECT name FROM customers")).containsExactly("Xavier");
        try (H2AnalyticsSink live = openLive()) {
            assertThat(live.checkpoint()).isEqualTo(through(7));
        }
    }

    @Test
    void aMoveAsideCutBeforeTheViewExistedIsFinishedOnOpen() throws SQLException {
        try (H2AnalyticsSink live = openLive()) {
            live.apply(List.of(create(0, customer(1, "Ann", "a@x.org"))), through(0));
        }
        execute("DROP VIEW CUSTOMERS"); // a crash between renaming the plain table and creating the view
        try (H2AnalyticsSink live = openLive()) {
            assertThat(live.checkpoint()).isEqualTo(through(0));
            assertThat(live.count()).isEqualTo(1);
        }
        assertThat(sql("SELECT name FROM customers")).containsExactly("Ann");
    }

    @Test
    void onlyTheLiveSinkOpensAShadowAndOnlyItsOwnShadowIsPromoted() {
        try (H2AnalyticsSink live = openLive(); DerivedSink shadow = liveWithShadow(live);
             H2AnalyticsSink other = H2AnalyticsSink.open(url(), customers("others"), customersFlow())) {
            assertThatThrownBy(shadow::openShadow).isInstanceOf(StoreException.class).hasMessageContaining("not the live generation");
            assertThatThrownBy(() -> live.promote(other)).isInstanceOf(StoreException.class);
            assertThatThrownBy(() -> live.promote(live)).isInstanceOf(StoreException.class);
            assertThat(live.count()).isEqualTo(2);
        }
    }

    @Test
    void swapStepNamesTheViewTheLiveAndTheShadowTable() {
        H2AnalyticsSink live = openLive();
        DerivedSink shadow = liveWithShadow(live);
        try {
            assertThat(live.swapStep()).contains("one CREATE OR REPLACE VIEW customers")
                    .contains("from the live table customers_G0 to the shadow table customers_G1");
            live.promote(shadow);
            live.close();
            assertThat(shadow.swapStep()).contains("from the live table customers_G1 to the shadow table customers_G2");
        } finally {
            shadow.close();
        }
    }
}
