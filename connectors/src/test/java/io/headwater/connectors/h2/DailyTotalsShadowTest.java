package io.headwater.connectors.h2;

import static io.headwater.connectors.mvstore.SinkFixtures.col;
import static io.headwater.connectors.mvstore.SinkFixtures.through;
import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.connectors.mvstore.SinkFixtures;
import io.headwater.connectors.verify.SqlVerifySide;
import io.headwater.engine.integrity.FingerprintAlgorithm;
import io.headwater.engine.integrity.FingerprintedRow;
import io.headwater.engine.integrity.KeyRange;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Expression;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.MappedField;
import io.headwater.engine.model.MappingFunction;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.ChangeOp;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DerivedSink;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rebuilding an aggregating H2 table (target and staging table per generation) and promoting it. */
class DailyTotalsShadowTest {
    private static final Dataset TRANSFERS = new Dataset(new DatasetRef("kafka", "transfers"), "transfers", List.of("request_id"), List.of(
            new Field("request_id", FieldType.UUID), new Field("amount", FieldType.DECIMAL), new Field("created_at", FieldType.TIMESTAMP)), null);
    private static final Dataset DAILY_TOTALS = new Dataset(new DatasetRef("analytics", "daily_totals"), "DAILY_TOTALS", List.of("day"),
            List.of(new Field("day", FieldType.DATE), new Field("transfer_count", FieldType.INTEGER), new Field("total_amount", FieldType.DECIMAL)), null);
    private static final Flow FLOW = new Flow("daily-totals", FlowKind.CONSUME, TRANSFERS.ref(), DAILY_TOTALS.ref(), List.of(
            new MappedField("day", new Expression.Call(MappingFunction.DAY, List.of(col("created_at")))),
            new MappedField("transfer_count", new Expression.Call(MappingFunction.COUNT, List.of())),
            new MappedField("total_amount", new Expression.Call(MappingFunction.SUM, List.of(col("amount"))))));
    private static final LocalDate MAY_1 = LocalDate.of(2024, 5, 1);
    private static final LocalDate MAY_2 = LocalDate.of(2024, 5, 2);

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("analytics");
    }

    private static ChangeEvent transfer(long n, String amount, LocalDate day) {
        Row after = Row.of("request_id", new UUID(7, n), "amount", new BigDecimal(amount), "created_at", day.atStartOfDay().toInstant(ZoneOffset.UTC));
        return SinkFixtures.event(n, ChangeOp.CREATE, Row.of("request_id", after.get("request_id")), null, after);
    }

    private static ChangeEvent remove(long offset, long n) {
        return SinkFixtures.event(offset, ChangeOp.DELETE, Row.of("request_id", new UUID(7, n)), null, null);
    }

    private List<String> totals() {
        List<String> out = new ArrayList<>();
        try (H2TableReader reader = H2TableReader.open(url(), DAILY_TOTALS)) {
            reader.scan(r -> out.add(r.get("day") + " " + r.get("transfer_count") + " " + ((BigDecimal) r.get("total_amount")).stripTrailingZeros().toPlainString()));
        }
        return out;
    }

    private List<String> tables() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT TABLE_NAME || ' ' || TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY TABLE_NAME")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void shadowFoldsIntoItsOwnStagingTableAndPromotionSwapsBoth() throws SQLException {
        try (H2AnalyticsSink live = H2AnalyticsSink.open(url(), DAILY_TOTALS, FLOW)) {
            live.apply(List.of(transfer(1, "10", MAY_1), transfer(2, "5", MAY_1)), through(2));
            try (DerivedSink shadow = live.openShadow()) {
                assertThat(shadow.count()).isZero();
                shadow.apply(List.of(transfer(1, "10", MAY_1), transfer(3, "7", MAY_2)), through(3));
                assertThat(totals()).containsExactly("2024-05-01 2 15");
            }
        }
        try (H2AnalyticsSink live = H2AnalyticsSink.open(url(), DAILY_TOTALS, FLOW)) {
            assertThat(live.hasShadow()).isTrue();
            try (DerivedSink shadow = live.openShadow()) {
                assertThat(shadow.checkpoint()).isEqualTo(through(3));
                shadow.apply(List.of(remove(4, 1)), through(4)); // folds from the shadow's staging rows
                live.promote(shadow);
                assertThat(totals()).containsExactly("2024-05-02 1 7");
                shadow.apply(List.of(transfer(5, "1", MAY_2)), through(5));
            }
        }
        assertThat(tables()).containsExactly("DAILY_TOTALS VIEW", "DAILY_TOTALS_G1 BASE TABLE", "HEADWATER_CHECKPOINTS BASE TABLE",
                "HW_STAGE_DAILY_TOTALS_G1 BASE TABLE");
        try (H2AnalyticsSink live = H2AnalyticsSink.open(url(), DAILY_TOTALS, FLOW)) {
            assertThat(live.checkpoint()).isEqualTo(through(5));
            live.apply(List.of(remove(6, 3)), through(6));
        }
        assertThat(totals()).containsExactly("2024-05-02 1 1");
    }

    @Test
    void verifierReadsThePromotedTotalsByThePhysicalName() {
        try (H2AnalyticsSink live = H2AnalyticsSink.open(url(), DAILY_TOTALS, FLOW)) {
            live.apply(List.of(transfer(1, "10", MAY_1)), through(1));
            try (DerivedSink shadow = live.openShadow()) {
                shadow.apply(List.of(transfer(2, "3", MAY_2), transfer(3, "4", MAY_2)), through(3));
                live.promote(shadow);
            }
        }
        try (SqlVerifySide side = SqlVerifySide.forDerived(() -> DriverManager.getConnection(url()), SqlDialect.H2, TRANSFERS, DAILY_TOTALS, FLOW)) {
            List<FingerprintedRow> rows = new ArrayList<>();
            side.scan(KeyRange.ALL, FingerprintAlgorithm.SHA256_64, true, rows::add);
            assertThat(rows).extracting(r -> r.key().get("day")).containsExactly(MAY_2);
            assertThat(rows).extracting(r -> ((Number) r.values().get("transfer_count")).longValue()).containsExactly(2L);
        }
    }

    @Test
    void discardShadowDropsItsStagingTableToo() throws SQLException {
        try (H2AnalyticsSink live = H2AnalyticsSink.open(url(), DAILY_TOTALS, FLOW)) {
            live.apply(List.of(transfer(1, "10", MAY_1)), through(1));
            live.openShadow().close();
            live.discardShadow();
            assertThat(live.hasShadow()).isFalse();
            try (DerivedSink fresh = live.openShadow()) {
                assertThat(fresh.checkpoint()).isEqualTo(Checkpoint.EMPTY);
            }
            live.discardShadow();
        }
        assertThat(tables()).containsExactly("DAILY_TOTALS VIEW", "DAILY_TOTALS_G0 BASE TABLE", "HEADWATER_CHECKPOINTS BASE TABLE",
                "HW_STAGE_DAILY_TOTALS_G0 BASE TABLE");
        assertThat(totals()).containsExactly("2024-05-01 1 10");
    }

    @Test
    void aLegacyAggregateTableMovesAsideWithItsStagingTable() throws SQLException {
        try (H2AnalyticsSink live = H2AnalyticsSink.open(url(), DAILY_TOTALS, FLOW)) {
            live.apply(List.of(transfer(1, "10", MAY_1), transfer(2, "5", MAY_1)), through(2));
        }
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) { // the layout of earlier versions
            s.execute("DROP VIEW DAILY_TOTALS");
            s.execute("ALTER TABLE DAILY_TOTALS_G0 RENAME TO DAILY_TOTALS");
            s.execute("ALTER TABLE HW_STAGE_DAILY_TOTALS_G0 RENAME TO HW_STAGE_DAILY_TOTALS");
            s.execute("ALTER INDEX HW_STAGE_GROUP_DAILY_TOTALS_G0 RENAME TO HW_STAGE_GROUP_DAILY_TOTALS");
        }
        try (H2AnalyticsSink live = H2AnalyticsSink.open(url(), DAILY_TOTALS, FLOW)) {
            live.apply(List.of(remove(3, 2)), through(3));
            assertThat(totals()).containsExactly("2024-05-01 1 10");
            try (DerivedSink shadow = live.openShadow()) {
                live.apply(List.of(transfer(4, "1", MAY_1)), through(4)); // the moved staging table still folds
                assertThat(totals()).containsExactly("2024-05-01 2 11");
                shadow.apply(List.of(transfer(9, "9", MAY_2)), through(9));
                live.promote(shadow);
            }
        }
        assertThat(totals()).containsExactly("2024-05-02 1 9");
        assertThat(tables()).containsExactly("DAILY_TOTALS VIEW", "DAILY_TOTALS_G1 BASE TABLE", "HEADWATER_CHECKPOINTS BASE TABLE",
                "HW_STAGE_DAILY_TOTALS_G1 BASE TABLE");
    }
}
