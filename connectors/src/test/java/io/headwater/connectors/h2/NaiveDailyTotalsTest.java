package io.headwater.connectors.h2;

import static io.headwater.connectors.mvstore.SinkFixtures.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.connectors.mvstore.SinkFixtures;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.ApplyMode;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deliberately naive daily totals: right while every event arrives once, double counting when one arrives twice. */
class NaiveDailyTotalsTest {
    private static final Dataset TOTALS = new Dataset(new DatasetRef("analytics", "daily_totals_naive"), "DAILY_TOTALS_NAIVE", List.of("day"),
            List.of(new Field("day", FieldType.DATE), new Field("transfer_count", FieldType.INTEGER), new Field("total_amount", FieldType.DECIMAL)), null);
    private static final List<MappedField> MAPPING = List.of(
            new MappedField("day", new Expression.Call(MappingFunction.DAY, List.of(col("created_at")))),
            new MappedField("transfer_count", new Expression.Call(MappingFunction.COUNT, List.of())),
            new MappedField("total_amount", new Expression.Call(MappingFunction.SUM, List.of(col("amount")))));
    private static final Flow NAIVE = new Flow("daily-totals-naive", FlowKind.CONSUME, new DatasetRef("kafka", "transfers"), TOTALS.ref(),
            MAPPING, ApplyMode.NAIVE);
    private static final LocalDate MAY_1 = LocalDate.of(2024, 5, 1);
    private static final LocalDate MAY_2 = LocalDate.of(2024, 5, 2);

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("analytics");
    }

    private static Row transfer(long n, String amount, LocalDate day) {
        return Row.of("request_id", new UUID(7, n), "from_account", 1L, "to_account", 2L, "amount", new BigDecimal(amount),
                "created_at", day.atStartOfDay().plusHours(n % 24).toInstant(ZoneOffset.UTC));
    }

    private static ChangeEvent event(long offset, ChangeOp op, Row before, Row after) {
        Row image = after != null ? after : before;
        return SinkFixtures.event(offset, op, Row.of("request_id", image.get("request_id")), before, after);
    }

    private List<String> totals() {
        List<String> out = new ArrayList<>();
        try (H2TableReader reader = H2TableReader.open(url(), TOTALS)) {
            reader.scan(r -> out.add(r.get("day") + " " + r.get("transfer_count") + " " + ((BigDecimal) r.get("total_amount")).stripTrailingZeros().toPlainString()));
        }
        return out;
    }

    @Test
    void foldsCreatesUpdatesAndDeletesDeliveredOnce() {
        try (H2AnalyticsSink sink = H2AnalyticsSink.open(url(), TOTALS, NAIVE)) {
            sink.apply(List.of(event(0, ChangeOp.SNAPSHOT, null, transfer(1, "10.50", MAY_1)), event(1, ChangeOp.CREATE, null, transfer(2, "4.25", MAY_1)),
                    event(2, ChangeOp.CREATE, null, transfer(3, "100", MAY_2))), SinkFixtures.through(2));
            sink.apply(List.of(event(3, ChangeOp.UPDATE, transfer(2, "4.25", MAY_1), transfer(2, "7", MAY_2)),
                    event(4, ChangeOp.DELETE, transfer(3, "100", MAY_2), null)), SinkFixtures.through(4));
        }
        assertThat(totals()).containsExactly("2024-05-01 1 10.5", "2024-05-02 1 7");
    }

    @Test
    void aDayWhoseLastTransferIsDeletedDisappears() {
        try (H2AnalyticsSink sink = H2AnalyticsSink.open(url(), TOTALS, NAIVE)) {
            sink.apply(List.of(event(0, ChangeOp.CREATE, null, transfer(1, "10", MAY_1)), event(1, ChangeOp.DELETE, transfer(1, "10", MAY_1), null)),
                    SinkFixtures.through(1));
            assertThat(sink.count()).isZero();
        }
    }

    @Test
    void aRedeliveredTransferIsCountedTwiceWhereTheIdempotentWriterCountsItOnce() {
        List<ChangeEvent> batch = List.of(event(0, ChangeOp.CREATE, null, transfer(1, "10", MAY_1)), event(1, ChangeOp.CREATE, null, transfer(2, "5", MAY_2)));
        Dataset idempotentTotals = new Dataset(new DatasetRef("analytics", "daily_totals"), "DAILY_TOTALS", TOTALS.key(), TOTALS.fields(), null);
        Flow idempotent = new Flow("daily-totals", FlowKind.CONSUME, NAIVE.from(), idempotentTotals.ref(), MAPPING);
        try (H2AnalyticsSink naive = H2AnalyticsSink.open(url(), TOTALS, NAIVE);
             H2AnalyticsSink safe = H2AnalyticsSink.open(url(), idempotentTotals, idempotent)) {
            for (H2AnalyticsSink sink : List.of(naive, safe)) {
                sink.apply(batch, SinkFixtures.through(1));
                sink.apply(batch.subList(1, 2), SinkFixtures.through(1));
            }
        }
        assertThat(totals()).containsExactly("2024-05-01 1 10", "2024-05-02 2 10");
        List<String> safeTotals = new ArrayList<>();
        try (H2TableReader reader = H2TableReader.open(url(), idempotentTotals)) {
            reader.scan(r -> safeTotals.add(r.get("day") + " " + r.get("transfer_count")));
        }
        assertThat(safeTotals).containsExactly("2024-05-01 1", "2024-05-02 1");
    }

    @Test
    void refusesAnAggregateItCannotTakeBack() {
        Dataset withMax = new Dataset(TOTALS.ref(), "DAILY_MAX", List.of("day"),
                List.of(new Field("day", FieldType.DATE), new Field("total_amount", FieldType.DECIMAL)), null);
        Flow max = new Flow("daily-max", FlowKind.CONSUME, NAIVE.from(), withMax.ref(), List.of(MAPPING.get(0),
                new MappedField("total_amount", new Expression.Call(MappingFunction.MAX, List.of(col("amount"))))), ApplyMode.NAIVE);

        assertThatThrownBy(() -> H2AnalyticsSink.open(url(), withMax, max)).isInstanceOf(StoreException.class)
                .hasMessageContaining("count() and sum() only");
    }
}
