package io.headwater.connectors.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.connectors.mvstore.SinkFixtures;
import io.headwater.engine.integrity.KeyOrder;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Row;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SortedSpillTest {
    @TempDir
    Path tmp;

    /** A source that delivers the given rows in the given order, counting its scans. */
    private static final class ListSource implements UnorderedSource {
        final Dataset dataset;
        final List<Row> rows;
        final AtomicInteger scans = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();
        int failAfter = -1;

        ListSource(Dataset dataset, List<Row> rows) {
            this.dataset = dataset;
            this.rows = rows;
        }

        @Override
        public Dataset dataset() {
            return dataset;
        }

        @Override
        public void scanUnordered(Consumer<Row> sink) {
            scans.incrementAndGet();
            for (int i = 0; i < rows.size(); i++) {
                if (i == failAfter) {
                    throw new IllegalStateException("connection lost after " + i + " records");
                }
                sink.accept(rows.get(i));
            }
        }

        @Override
        public Optional<Row> lookup(Row key) {
            return rows.stream().filter(r -> r.project(dataset.key()).equals(key)).reduce((a, b) -> b);
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private static List<Row> scan(SortedSpill spill) {
        List<Row> out = new ArrayList<>();
        spill.scan(out::add);
        return out;
    }

    private long filesUnder(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void shuffledRowsWithRepeatsComeOutOnceEachInKeyOrder() throws IOException {
        Dataset ds = SinkFixtures.uuidKeyed("transfers");
        List<Row> distinct = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < 25_000; i++) {
            distinct.add(Row.of("request_id", new UUID(random.nextLong(), random.nextLong()), "amount", BigDecimal.valueOf(i, 2)));
        }
        List<Row> delivered = new ArrayList<>(distinct);
        delivered.addAll(distinct.subList(0, 3_000)); // SCAN may return a key twice
        Collections.shuffle(delivered, random);
        ListSource source = new ListSource(ds, delivered);
        KeyOrder order = new KeyOrder(ds.keyFields());
        try (SortedSpill spill = SortedSpill.over(source, tmp)) {
            assertThat(spill.count()).isEqualTo(25_000);
            assertThat(spill.delivered()).isEqualTo(28_000);
            List<Row> out = scan(spill);
            List<Row> expected = new ArrayList<>(distinct);
            expected.sort(order);
            assertThat(out).isEqualTo(expected);
            assertThat(scan(spill)).isEqualTo(expected);
            assertThat(source.scans.get()).as("the source is read once").isEqualTo(1);
            assertThat(filesUnder(tmp)).isEqualTo(1);
        }
        assertThat(source.closed).isTrue();
        assertThat(filesUnder(tmp)).as("the spill file is deleted on close").isZero();
    }

    @Test
    void compositeAndSignedKeysSortComponentByComponent() {
        Dataset ds = SinkFixtures.composite("positions");
        List<Row> rows = List.of(Row.of("region", "b", "seq", -1L, "note", "5"), Row.of("region", "a", "seq", 10L, "note", "3"),
                Row.of("region", "a", "seq", -10L, "note", "1"), Row.of("region", "ab", "seq", 1L, "note", "4"),
                Row.of("region", "a", "seq", 2L, "note", "2"), Row.of("region", "", "seq", Long.MAX_VALUE, "note", "0"));
        try (SortedSpill spill = SortedSpill.over(new ListSource(ds, rows), tmp)) {
            assertThat(scan(spill)).extracting(r -> r.get("note")).containsExactly("0", "1", "2", "3", "4", "5");
        }
    }

    @Test
    void aRepeatedKeyKeepsTheValuesDeliveredLast() {
        Dataset ds = SinkFixtures.composite("positions");
        List<Row> rows = List.of(Row.of("region", "a", "seq", 1L, "note", "old"), Row.of("region", "b", "seq", 1L, "note", "b"),
                Row.of("region", "a", "seq", 1L, "note", "new"));
        try (SortedSpill spill = SortedSpill.over(new ListSource(ds, rows), tmp)) {
            assertThat(scan(spill)).extracting(r -> r.get("note")).containsExactly("new", "b");
            assertThat(spill.lookup(Row.of("region", "a", "seq", 1L))).map(r -> r.get("note")).contains("new");
            assertThat(spill.lookup(Row.of("region", "c", "seq", 1L))).isEmpty();
        }
    }

    @Test
    void lookupBeforeTheSpillAsksTheSourceAndReadsNothingElse() {
        Dataset ds = SinkFixtures.composite("positions");
        ListSource source = new ListSource(ds, List.of(Row.of("region", "a", "seq", 1L, "note", "x")));
        try (SortedSpill spill = SortedSpill.over(source, tmp)) {
            assertThat(spill.lookup(Row.of("region", "a", "seq", 1L))).map(r -> r.get("note")).contains("x");
            assertThat(source.scans.get()).isZero();
        }
    }

    @Test
    void aSourceFailingMidScanLeavesNoFileAndTheNextScanStartsAgain() throws IOException {
        Dataset ds = SinkFixtures.composite("positions");
        List<Row> rows = new ArrayList<>();
        for (long i = 0; i < 15_000; i++) {
            rows.add(Row.of("region", "r", "seq", i, "note", "n" + i));
        }
        ListSource source = new ListSource(ds, rows);
        source.failAfter = 12_000;
        try (SortedSpill spill = SortedSpill.over(source, tmp)) {
            assertThatThrownBy(spill::count).hasMessageContaining("connection lost after 12000");
            assertThat(filesUnder(tmp)).isZero();
            source.failAfter = -1;
            assertThat(spill.count()).isEqualTo(15_000);
            assertThat(spill.delivered()).isEqualTo(15_000);
            assertThat(scan(spill).get(14_999).get("seq")).isEqualTo(14_999L);
        }
    }
}
