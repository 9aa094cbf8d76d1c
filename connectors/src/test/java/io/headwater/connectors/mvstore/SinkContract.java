package io.headwater.connectors.mvstore;

import static io.headwater.connectors.mvstore.SinkFixtures.create;
import static io.headwater.connectors.mvstore.SinkFixtures.customer;
import static io.headwater.connectors.mvstore.SinkFixtures.customers;
import static io.headwater.connectors.mvstore.SinkFixtures.customersFlow;
import static io.headwater.connectors.mvstore.SinkFixtures.delete;
import static io.headwater.connectors.mvstore.SinkFixtures.key;
import static io.headwater.connectors.mvstore.SinkFixtures.normalised;
import static io.headwater.connectors.mvstore.SinkFixtures.through;
import static io.headwater.connectors.mvstore.SinkFixtures.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.DerivedSink;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every derived sink shares: mapping, upsert/delete, idempotence, checkpoint atomic
 * with the data and durable, key-ordered scans. A store's test extends this and says how to open it.
 */
public abstract class SinkContract {
    @TempDir
    protected Path dir;

    protected abstract DerivedSink openSink(Dataset dataset, Flow flow);

    protected abstract DatasetReader openReader(Dataset dataset);

    protected Dataset customersDataset() {
        return customers("customers");
    }

    /** Whether the store keys records by several fields; a store whose key is one field skips the composite-key test, saying so. */
    protected boolean holdsCompositeKeys() {
        return true;
    }

    private DerivedSink openCustomers() {
        return openSink(customersDataset(), customersFlow());
    }

    private List<Row> scan(Dataset dataset) {
        List<Row> rows = new ArrayList<>();
        try (DatasetReader r = openReader(dataset)) {
            r.scan(row -> rows.add(normalised(row)));
        }
        return rows;
    }

    private static Row expected(long id, String name, String email) {
        return normalised(LogicalValues.conform(customersFlow().apply(customer(id, name, email)), customers("x")));
    }

    @Test
    void freshStoreHasEmptyCheckpointAndNoRecords() {
        try (DerivedSink sink = openCustomers()) {
            assertThat(sink.checkpoint()).isEqualTo(Checkpoint.EMPTY);
            assertThat(sink.count()).isZero();
        }
    }

    @Test
    void createsUpdatesAndDeletesGiveExpectedRows() {
        try (DerivedSink sink = openCustomers()) {
            sink.apply(List.of(create(0, customer(1, "Ann", "Ann@X.org")), create(1, customer(2, "Bob", "bob@x.org")),
                    create(2, customer(3, "Cy", "cy@x.org"))), through(2));
            sink.apply(List.of(update(3, customer(2, "Bob", "bob@x.org"), customer(2, "Bobby", "BOBBY@x.org")),
                    delete(4, key(3), customer(3, "Cy", "cy@x.org"))), through(4));
            assertThat(sink.count()).isEqualTo(2);
        }
        assertThat(scan(customersDataset())).containsExactly(expected(1, "Ann", "ann@x.org"), expected(2, "Bobby", "bobby@x.org"));
    }

    @Test
    void mappingLowersEmailRenamesKeyAndDropsUnmappedFields() {
        try (DerivedSink sink = openCustomers()) {
            sink.apply(List.of(create(0, customer(7, "Eve", "Eve@Example.COM"))), through(0));
        }
        try (DatasetReader r = openReader(customersDataset())) {
            Row row = r.lookup(Row.of("customer_id", 7L)).orElseThrow();
            assertThat(row.get("email")).isEqualTo("eve@example.com");
            assertThat(row.get("customer_id")).isEqualTo(7L);
            assertThat(row.has("phone")).isFalse();
            assertThat(row.has("id")).isFalse();
            assertThat(r.lookup(Row.of("customer_id", 8L))).isEmpty();
        }
    }

    @Test
    void valuesKeepTheirLogicalTypes() {
        try (DerivedSink sink = openCustomers()) {
            sink.apply(List.of(create(0, customer(4, "Dee", "dee@x.org"))), through(0));
        }
        try (DatasetReader r = openReader(customersDataset())) {
            Row row = r.lookup(Row.of("customer_id", 4L)).orElseThrow();
            assertThat(row.get("customer_id")).isEqualTo(4L);
            assertThat((BigDecimal) row.get("balance")).isEqualByComparingTo("1238.5");
            assertThat(row.get("created_at")).isEqualTo(Instant.parse("2024-03-01T10:15:34.123456Z"));
            assertThat(row.get("born")).isEqualTo(LocalDate.of(1990, 1, 5));
            assertThat(row.get("token")).isEqualTo(new UUID(0x1234L, 4));
            assertThat(row.get("vip")).isEqualTo(Boolean.TRUE);
            assertThat(row.get("score")).isEqualTo(4.25d);
            assertThat((byte[]) row.get("avatar")).containsExactly(1, 2, 3, 4);
        }
    }

    @Test
    void nullValuesStayNull() {
        Row sparse = Row.of("id", 9L, "name", null, "email", null);
        try (DerivedSink sink = openCustomers()) {
            sink.apply(List.of(create(0, sparse)), through(0));
        }
        try (DatasetReader r = openReader(customersDataset())) {
            Row row = r.lookup(Row.of("customer_id", 9L)).orElseThrow();
            assertThat(row.get("name")).isNull();
            assertThat(row.get("avatar")).isNull();
            assertThat(row.get("balance")).isNull();
        }
    }

    @Test
    void checkpointIsCommittedWithDataAndSurvivesReopen() {
        try (DerivedSink sink = openCustomers()) {
            sink.apply(List.of(create(0, customer(1, "Ann", "a@x.org")), create(1, customer(2, "Bob", "b@x.org"))), through(1));
            assertThat(sink.checkpoint()).isEqualTo(through(1));
        }
        try (DerivedSink sink = openCustomers()) {
            assertThat(sink.checkpoint()).isEqualTo(through(1));
            assertThat(sink.count()).isEqualTo(2);
            sink.apply(List.of(delete(2, key(1), null)), through(2));
        }
        try (DerivedSink sink = openCustomers()) {
            assertThat(sink.checkpoint()).isEqualTo(through(2));
            assertThat(sink.count()).isEqualTo(1);
        }
    }

    @Test
    void reappliedBatchLeavesStoreUnchanged() {
        List<ChangeEvent> batch = List.of(create(0, customer(1, "Ann", "a@x.org")), create(1, customer(2, "Bob", "b@x.org")),
                update(2, customer(1, "Ann", "a@x.org"), customer(1, "Anna", "anna@x.org")), delete(3, key(2), null));
        List<Row> once;
        try (DerivedSink sink = openCustomers()) {
            sink.apply(batch, through(3));
            once = scan(customersDataset());
            sink.apply(batch, through(3));
            sink.apply(batch.subList(1, 4), through(3));
            assertThat(sink.count()).isEqualTo(1);
            assertThat(sink.checkpoint()).isEqualTo(through(3));
        }
        assertThat(scan(customersDataset())).isEqualTo(once).containsExactly(expected(1, "Anna", "anna@x.org"));
    }

    @Test
    void deleteOfAbsentKeyIsHarmless() {
        try (DerivedSink sink = openCustomers()) {
            sink.apply(List.of(create(0, customer(1, "Ann", "a@x.org"))), through(0));
            sink.apply(List.of(delete(1, key(42), null), delete(2, key(43), customer(43, "Zed", "z@x.org"))), through(2));
            assertThat(sink.count()).isEqualTo(1);
            assertThat(sink.checkpoint()).isEqualTo(through(2));
        }
    }

    @Test
    void laterEventForTheSameKeyInABatchWins() {
        try (DerivedSink sink = openCustomers()) {
            sink.apply(List.of(create(0, customer(1, "A1", "a@x.org")), update(1, null, customer(1, "A2", "a@x.org")),
                    delete(2, key(1), null), create(3, customer(1, "A3", "a@x.org")), update(4, null, customer(1, "A4", "a@x.org"))), through(4));
        }
        assertThat(scan(customersDataset())).containsExactly(expected(1, "A4", "a@x.org"));
    }

    @Test
    void scanOrdersIntegerKeysNumerically() {
        try (DerivedSink sink = openCustomers()) {
            long offset = 0;
            List<ChangeEvent> batch = new ArrayList<>();
            for (long id : new long[] {100, 2, -5, 10, 0, Long.MAX_VALUE, Long.MIN_VALUE + 1}) {
                batch.add(create(offset++, customer(id, "c" + id, "c@x.org")));
            }
            sink.apply(batch, through(offset - 1));
        }
        assertThat(scan(customersDataset())).extracting(r -> r.get("customer_id"))
                .containsExactly(Long.MIN_VALUE + 1, -5L, 0L, 2L, 10L, 100L, Long.MAX_VALUE);
    }

    @Test
    void scanOrdersCompositeKeysComponentByComponent() {
        assumeTrue(holdsCompositeKeys(), getClass().getSimpleName() + ": this store keys a record by one field: composite keys skipped");
        Dataset ds = SinkFixtures.composite("positions");
        List<Row> rows = List.of(Row.of("region", "b", "seq", -1L, "note", "4"), Row.of("region", "a", "seq", 10L, "note", "2"),
                Row.of("region", "ab", "seq", 1L, "note", "3"), Row.of("region", "a", "seq", 2L, "note", "1"),
                Row.of("region", "", "seq", 5L, "note", "0"));
        try (DerivedSink sink = openSink(ds, SinkFixtures.identity(ds))) {
            sink.apply(SinkFixtures.creates(ds, rows), through(rows.size() - 1));
        }
        assertThat(scan(ds)).extracting(r -> r.get("note")).containsExactly("0", "1", "2", "3", "4");
        try (DatasetReader r = openReader(ds)) {
            assertThat(r.lookup(Row.of("region", "a", "seq", 10L))).map(x -> x.get("note")).contains("2");
        }
    }

    @Test
    void scanOrdersUuidKeysAsUnsignedNumbers() {
        Dataset ds = SinkFixtures.uuidKeyed("transfers");
        UUID low = new UUID(0L, 1L);
        UUID mid = new UUID(0x7fffffffffffffffL, 0L);
        UUID high = new UUID(0x8000000000000000L, 0L);
        UUID top = new UUID(-1L, -1L);
        List<Row> rows = List.of(Row.of("request_id", top, "amount", new BigDecimal("4")), Row.of("request_id", mid, "amount", new BigDecimal("2")),
                Row.of("request_id", high, "amount", new BigDecimal("3")), Row.of("request_id", low, "amount", new BigDecimal("1")));
        try (DerivedSink sink = openSink(ds, SinkFixtures.identity(ds))) {
            sink.apply(SinkFixtures.creates(ds, rows), through(rows.size() - 1));
        }
        assertThat(scan(ds)).extracting(r -> r.get("request_id")).containsExactly(low, mid, high, top);
        try (DatasetReader r = openReader(ds)) {
            assertThat(r.count()).isEqualTo(4);
            assertThat(r.lookup(Row.of("request_id", high))).map(x -> ((BigDecimal) x.get("amount")).intValue()).contains(3);
        }
    }

    @Test
    void swapStepIsTheStoresOwnAndNamesTheSameShadowBeforeAndAfterItIsOpened() {
        try (DerivedSink live = openCustomers()) {
            live.apply(List.of(create(0, customer(1, "Ann", "a@x.org"))), through(0));
            String planned = live.swapStep();
            assertThat(planned).isNotBlank().isNotEqualTo("the shadow of " + live.dataset().ref() + " replaces the live store");
            try (DerivedSink shadow = live.openShadow()) {
                assertThat(live.swapStep()).isEqualTo(planned);
            }
            live.discardShadow();
        }
    }
}
