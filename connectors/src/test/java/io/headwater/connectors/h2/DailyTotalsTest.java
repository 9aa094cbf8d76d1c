package io.headwater.connectors.h2;

import static io.headwater.connectors.mvstore.SinkFixtures.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.connectors.mvstore.SinkFixtures;
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
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's analytics.daily_totals: day(created_at), count(), sum(amount) grouped by day. */
class DailyTotalsTest {
    private static final Dataset DAILY_TOTALS = new Dataset(new DatasetRef("analytics", "daily_totals"), "DAILY_TOTALS", List.of("day"),
            List.of(new Field("day", FieldType.DATE), new Field("transfer_count", FieldType.INTEGER), new Field("total_amount", FieldType.DECIMAL)), null);
    private static final Flow FLOW = new Flow("daily-totals", FlowKind.CONSUME, new DatasetRef("kafka", "transfers"), DAILY_TOTALS.ref(), List.of(
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

    private static Row transfer(long n, String amount, LocalDate day) {
        return Row.of("request_id", new UUID(7, n), "from_account", 1L, "to_account", 2L, "amount", new BigDecimal(amount),
                "created_at", day.atStartOfDay().plusHours(n % 24).toInstant(java.time.ZoneOffset.UTC));
    }

    private static ChangeEvent put(long offset, ChangeOp op, Row before, Row after) {
        return SinkFixtures.event(offset, op, Row.of("request_id", after.get("request_id")), before, after);
    }

    private static ChangeEvent remove(long offset, Row before) {
        return SinkFixtures.event(offset, ChangeOp.DELETE, Row.of("request_id", before.get("request_id")), before, null);
    }

    private List<String> totals() {
        List<String> out = new ArrayList<>();
        try (H2TableReader reader = H2TableReader.open(url(), DAILY_TOTALS)) {
            reader.scan(r -> out.add(r.get("day") + " " + r.get("transfer_count") + " " + ((BigDecimal) r.get("total_amount")).stripTrailingZeros().toPlainString()));
        }
        return out;
    }

    @Test
    void countsAndSumsPerDayAcrossInserts() {
        try (H2AnalyticsSink sink = H2AnalyticsSink.open(url(), DAILY_TOTALS, FLOW)) {
            sink.apply(List.of(put(0, ChangeOp.CREATE, null, transfer(1, "10.50", MAY_1)), put(1, ChangeOp.SNAPSHOT, null, transfer(2, "4.25", MAY_1)),
                    put(2, ChangeOp.CREATE, null, transfer(3, "100", MAY_2))), SinkFixtures.through(2));
            assertThat(sink.count()).isEqualTo(2);
        }
        assertThat(totals()).containsExactly("2024-05-01 2 14.75", "2024-05-02 1 100");
    }

    @Test
    void updateThatMovesATransferToAnotherDayMovesItsAmount() {
        try (H2AnalyticsSink sink = H2AnalyticsSink.open(url(), DAILY_TOTALS, FLOW)) {
            sink.apply(List.of(put(0, ChangeOp.CREATE, null, transfer(1, "10", MAY_1)), put(1, ChangeOp.CREATE, null, transfer(2, "5", MAY_1))),
                    SinkFixtures.through(1));
            sink.apply(List.of(put(2, ChangeOp.UPDATE, transfer(2, "5", MAY_1), transfer(2, "7", MAY_2))), SinkFixtures.through(2));
        }
        assertThat(totals()).containsExactly("2024-05-01 1 10", "2024-05-02 1 7");
    }

    @Test
    void deleteRemovesItsAmountAndAnEmptyDayDisappears() {
        try (H2AnalyticsSink sink = H2AnalyticsSink.open(url(), DAILY_TOTALS, FLOW)) {
            sink.apply(List.of(put(0, ChangeOp.CREATE, null, transfer(1, "10", MAY_1)), put(1, ChangeOp.CREATE, null, transfer(2, "5", MAY_1)),
                    put(2, ChangeOp.CREATE, null, transfer(3, "3", MAY_2))), SinkFixtures.through(2));
            sink.apply(List.of(remove(3, transfer(1, "10", MAY_1)), remove(4, transfer(3, "3", MAY_2))), SinkFixtures.through(4));
            assertThat(sink.count()).isEqualTo(1);
        }
        assertThat(totals()).containsExactly("2024-05-01 1 5");
    }

    @Test
    void duplicateDeliveryDoesNotDoubleCount() {
        List<ChangeEvent> batch = List.of(put(0, ChangeOp.CREATE, null, transfer(1, "10", MAY_1)), put(1, ChangeOp.CREATE, null, transfer(2, "5", MAY_1)));
        try (H2AnalyticsSink sink = H2AnalyticsSink.open(url(), DAILY_TOTALS, FLOW)) {
            sink.apply(batch, SinkFixtures.through(1));
            sink.apply(batch, SinkFixtures.through(1));
            sink.apply(List.of(batch.get(1), batch.get(1)), SinkFixtures.through(1));
        }
        assertThat(totals()).containsExactly("2024-05-01 2 15");
    }

    @Test
    void deleteOfAnUnknownTransferChangesNoTotal() {
        try (H2AnalyticsSink sink = H2AnalyticsSink.open(url(), DAILY_TOTALS, FLOW)) {
            sink.apply(List.of(put(0, ChangeOp.CREATE, null, transfer(1, "10", MAY_1))), SinkFixtures.through(0));
            sink.apply(List.of(remove(1, transfer(9, "99", MAY_1))), SinkFixtures.through(1));
        }
        assertThat(totals()).containsExactly("2024-05-01 1 10");
    }

    @Test
    void groupsAndCheckpointSurviveReopenAndShareTheDatabaseWithOtherSinks() {
        Dataset balances = SinkFixtures.customers("BALANCES");
        try (H2AnalyticsSink totals = H2AnalyticsSink.open(url(), DAILY_TOTALS, FLOW);
             H2AnalyticsSink other = H2AnalyticsSink.open(url(), balances, SinkFixtures.customersFlow())) {
            totals.apply(List.of(put(0, ChangeOp.CREATE, null, transfer(1, "10", MAY_1))), SinkFixtures.through(0));
            other.apply(List.of(SinkFixtures.create(5, SinkFixtures.customer(1, "Ann", "a@x.org"))), SinkFixtures.through(5));
        }
        try (H2AnalyticsSink sink = H2AnalyticsSink.open(url(), DAILY_TOTALS, FLOW)) {
            assertThat(sink.checkpoint()).isEqualTo(SinkFixtures.through(0));
            sink.apply(List.of(put(1, ChangeOp.CREATE, null, transfer(2, "2.5", MAY_1))), SinkFixtures.through(1));
        }
        try (H2AnalyticsSink sink = H2AnalyticsSink.open(url(), balances, SinkFixtures.customersFlow())) {
            assertThat(sink.checkpoint()).isEqualTo(SinkFixtures.through(5));
        }
        assertThat(totals()).containsExactly("2024-05-01 2 12.5");
    }

    @Test
    void aTransferWithoutTimestampBelongsToNoDay() {
        Row undated = Row.of("request_id", new UUID(7, 5), "amount", new BigDecimal("1"), "created_at", null);
        try (H2AnalyticsSink sink = H2AnalyticsSink.open(url(), DAILY_TOTALS, FLOW)) {
            sink.apply(List.of(put(0, ChangeOp.CREATE, null, transfer(5, "10", MAY_1))), SinkFixtures.through(0));
            sink.apply(List.of(put(1, ChangeOp.UPDATE, null, undated)), SinkFixtures.through(1));
        }
        assertThat(totals()).isEmpty();
    }
}
