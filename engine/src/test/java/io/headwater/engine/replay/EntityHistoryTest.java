package io.headwater.engine.replay;

import static io.headwater.engine.replay.ReplayFixtures.CUSTOMERS;
import static io.headwater.engine.replay.ReplayFixtures.at;
import static io.headwater.engine.replay.ReplayFixtures.customer;
import static io.headwater.engine.replay.ReplayFixtures.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ChangeOp;
import io.headwater.engine.spi.LogPosition;
import io.headwater.engine.spi.ProgressListener;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntityHistoryTest {
    private final MemoryLog log = new MemoryLog();

    private List<HistoryEntry> historyOf(Row key) {
        return new EntityHistory(log, log.decoder(), CUSTOMERS).history(key, new Cancellation());
    }

    @Test
    void listsEveryChangeOfTheKeyInLogOrderWithBeforeAfterAndChangedFields() {
        log.change(ChangeOp.SNAPSHOT, key(7), null, customer(7, "Ann", "ann@a", "DE"), at(0))
                .change(ChangeOp.CREATE, key(8), null, customer(8, "Other", "o@o", "DE"), at(1))
                .change(ChangeOp.UPDATE, key(7), customer(7, "Ann", "ann@a", "DE"), customer(7, "Anna", "anna@a", "DE"), at(2))
                .change(ChangeOp.DELETE, key(7), customer(7, "Anna", "anna@a", "DE"), null, at(3))
                .tombstone(key(7), at(3))
                .change(ChangeOp.CREATE, key(7), null, customer(7, "Ann B", null, "FR"), at(4));

        List<HistoryEntry> h = historyOf(key(7));

        assertThat(h).extracting(HistoryEntry::op).containsExactly(ChangeOp.SNAPSHOT, ChangeOp.UPDATE, ChangeOp.DELETE, ChangeOp.CREATE);
        assertThat(h).extracting(e -> e.position().offset()).containsExactly(0L, 2L, 3L, 5L);
        assertThat(h).extracting(HistoryEntry::committedAt).containsExactly(at(0), at(2), at(3), at(4));
        assertThat(h.get(0).before()).isNull();
        assertThat(h.get(0).changedFields()).containsExactly("id", "name", "email", "country");
        assertThat(h.get(1).before()).isEqualTo(customer(7, "Ann", "ann@a", "DE"));
        assertThat(h.get(1).after()).isEqualTo(customer(7, "Anna", "anna@a", "DE"));
        assertThat(h.get(1).changedFields()).containsExactly("name", "email");
        assertThat(h.get(2).after()).isNull();
        assertThat(h.get(2).changedFields()).containsExactly("id", "name", "email", "country");
        assertThat(h.get(3).changedFields()).as("a null value is no change from nothing").containsExactly("id", "name", "country");
        assertThat(h).allSatisfy(e -> assertThat(e.transaction()).isNull());
    }

    @Test
    void anUpdateOrDeleteWithoutBeforeImageGetsThePreviousImage() {
        log.change(ChangeOp.CREATE, key(1), null, customer(1, "A", "a@a", "DE"), at(0))
                .change(ChangeOp.UPDATE, key(1), null, customer(1, "A", "a@b", "DE"), at(1))
                .change(ChangeOp.DELETE, key(1), null, null, at(2));

        List<HistoryEntry> h = historyOf(key(1));

        assertThat(h.get(1).before()).isEqualTo(customer(1, "A", "a@a", "DE"));
        assertThat(h.get(1).changedFields()).containsExactly("email");
        assertThat(h.get(2).before()).isEqualTo(customer(1, "A", "a@b", "DE"));
    }

    @Test
    void anUnknownKeyHasNoHistory() {
        log.change(ChangeOp.CREATE, key(1), null, customer(1, "A", "a@a", "DE"), at(0));

        assertThat(historyOf(key(99))).isEmpty();
    }

    @Test
    void theKeyIsComparedByTheKeyFieldsType() {
        log.change(ChangeOp.CREATE, key(42), null, customer(42, "A", "a@a", "DE"), at(0));

        assertThat(historyOf(Row.of("id", "42"))).hasSize(1);
        assertThat(historyOf(Row.of("id", 42))).hasSize(1);
    }

    @Test
    void aKeyWithoutTheKeyFieldIsRefusedNamingTheKeyFields() {
        assertThatThrownBy(() -> historyOf(Row.of("name", "A"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lacks 'id'").hasMessageContaining("id (integer)");
    }

    @Test
    void decimalsThatDifferOnlyInScaleAreNoChange() {
        Dataset accounts = new Dataset(new DatasetRef("log", "accounts"), MemoryLog.TOPIC, List.of("id"),
                List.of(new Field("id", FieldType.INTEGER), new Field("balance", FieldType.DECIMAL)), null);
        log.change(ChangeOp.CREATE, key(1), null, Row.of("id", 1L, "balance", new BigDecimal("1.5")), at(0))
                .change(ChangeOp.UPDATE, key(1), Row.of("id", 1L, "balance", new BigDecimal("1.50")), Row.of("id", 1L, "balance", new BigDecimal("2.00")), at(1))
                .change(ChangeOp.UPDATE, key(1), Row.of("id", 1L, "balance", new BigDecimal("2.00")), Row.of("id", 1L, "balance", new BigDecimal("2.0")), at(2));

        List<HistoryEntry> h = new EntityHistory(log, log.decoder(), accounts).history(key(1), new Cancellation());

        assertThat(h.get(1).changedFields()).containsExactly("balance");
        assertThat(h.get(2).changedFields()).isEmpty();
    }

    @Test
    void theHistoryOfAFlowTargetKeyFollowsTheKeyMapping() {
        Dataset index = new Dataset(new DatasetRef("search", "customers"), "customers", List.of("cid"),
                List.of(new Field("cid", FieldType.INTEGER), new Field("name", FieldType.STRING)), null);
        Flow flow = new Flow("index", FlowKind.CONSUME, CUSTOMERS.ref(), index.ref(), List.of(
                new MappedField("cid", new Expression.Column("id")), new MappedField("name", new Expression.Column("name"))));
        log.change(ChangeOp.CREATE, key(1), null, customer(1, "A", "a@a", "DE"), at(0))
                .change(ChangeOp.CREATE, key(2), null, customer(2, "B", "b@b", "DE"), at(1))
                .change(ChangeOp.UPDATE, key(1), customer(1, "A", "a@a", "DE"), customer(1, "A2", "a@a", "DE"), at(2));

        List<HistoryEntry> h = new EntityHistory(log, log.decoder(), CUSTOMERS).history(flow, index, Row.of("cid", 1L), new Cancellation(), ProgressListener.NONE);

        assertThat(h).extracting(HistoryEntry::position).extracting(LogPosition::offset).containsExactly(0L, 2L);
    }

    @Test
    void theHistoryOfAnAggregateGroupListsTheChangesOfItsMembersMovingInAndOut() {
        Dataset perCountry = new Dataset(new DatasetRef("analytics", "per_country"), "PER_COUNTRY", List.of("country"),
                List.of(new Field("country", FieldType.STRING), new Field("customers", FieldType.INTEGER)), null);
        Flow flow = new Flow("per-country", FlowKind.CONSUME, CUSTOMERS.ref(), perCountry.ref(), List.of(
                new MappedField("country", new Expression.Call(MappingFunction.LOWER, List.of(new Expression.Column("country")))),
                new MappedField("customers", new Expression.Call(MappingFunction.COUNT, List.of()))));
        log.change(ChangeOp.CREATE, key(1), null, customer(1, "A", "a@a", "DE"), at(0))
                .change(ChangeOp.CREATE, key(2), null, customer(2, "B", "b@b", "FR"), at(1))
                .change(ChangeOp.UPDATE, key(2), customer(2, "B", "b@b", "FR"), customer(2, "B", "b@b", "DE"), at(2))
                .change(ChangeOp.UPDATE, key(1), customer(1, "A", "a@a", "DE"), customer(1, "A", "a@a", "IT"), at(3))
                .change(ChangeOp.UPDATE, key(1), customer(1, "A", "a@a", "IT"), customer(1, "A", "x@a", "IT"), at(4));

        List<HistoryEntry> h = new EntityHistory(log, log.decoder(), CUSTOMERS).history(flow, perCountry, Row.of("country", "de"), new Cancellation(), ProgressListener.NONE);

        assertThat(h).extracting(e -> e.position().offset()).containsExactly(0L, 2L, 3L);
    }
}
