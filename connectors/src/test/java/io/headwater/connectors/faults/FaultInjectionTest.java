package io.headwater.connectors.faults;

import static io.headwater.connectors.mvstore.SinkFixtures.create;
import static io.headwater.connectors.mvstore.SinkFixtures.customer;
import static io.headwater.connectors.mvstore.SinkFixtures.customers;
import static io.headwater.connectors.mvstore.SinkFixtures.customersFlow;
import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.connectors.blobstore.BlobCheck;
import io.headwater.connectors.blobstore.BlobStoreReader;
import io.headwater.connectors.blobstore.BlobStoreSink;
import io.headwater.connectors.h2.H2AnalyticsSink;
import io.headwater.connectors.lucene.LuceneSink;
import io.headwater.connectors.mvstore.MvStoreSink;
import io.headwater.connectors.mvstore.SinkFixtures;
import io.headwater.engine.faults.Fault;
import io.headwater.engine.faults.FaultInjection;
import io.headwater.engine.faults.InjectedFault;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.DerivedSink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Faults injected into real stores change exactly what they report, and never the checkpoint. */
class FaultInjectionTest {
    @TempDir
    Path dir;

    record Store(String name, Function<Path, DerivedSink> open) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Store> stores() {
        Dataset ds = customers("customers");
        return Stream.of(
                new Store("lucene", d -> LuceneSink.open(d.resolve("idx"), ds, customersFlow())),
                new Store("mvstore", d -> MvStoreSink.open(d.resolve("store.mv.db"), ds, customersFlow())),
                new Store("h2", d -> H2AnalyticsSink.open("jdbc:h2:file:" + d.resolve("h2").toAbsolutePath(), ds, customersFlow())),
                new Store("blobstore", d -> BlobStoreSink.open(d.resolve("blobs"), ds, customersFlow())));
    }

    private static DerivedSink filled(Store store, Path dir) {
        DerivedSink sink = store.open().apply(dir);
        List<ChangeEvent> events = new ArrayList<>();
        for (long id = 1; id <= 50; id++) {
            events.add(create(id, customer(id, "Name " + id, "User" + id + "@Example.org")));
        }
        sink.apply(events, SinkFixtures.through(50));
        return sink;
    }

    private static Map<Row, Row> contents(DerivedSink sink) {
        Map<Row, Row> m = new HashMap<>();
        try (DatasetReader r = sink.reader()) {
            r.scan(row -> m.put(row.project(sink.dataset().key()), SinkFixtures.normalised(row)));
        }
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void corruptChangesExactlyTheReportedFieldsAndKeepsTheCheckpoint(Store store) {
        try (DerivedSink sink = filled(store, dir)) {
            Checkpoint before = sink.checkpoint();
            Map<Row, Row> original = contents(sink);

            List<InjectedFault> faults = new FaultInjection(sink).inject(Fault.CORRUPT, 3, 7);

            Map<Row, Row> after = contents(sink);
            assertThat(faults).hasSize(3);
            assertThat(sink.checkpoint()).isEqualTo(before);
            assertThat(after.keySet()).isEqualTo(original.keySet());
            List<Row> changed = original.keySet().stream().filter(k -> !original.get(k).equals(after.get(k))).toList();
            assertThat(changed).containsExactlyInAnyOrderElementsOf(faults.stream().map(InjectedFault::key).toList());
            for (InjectedFault f : faults) {
                String field = f.change().substring(0, f.change().indexOf(':'));
                Row o = original.get(f.key());
                Row a = after.get(f.key());
                assertThat(o.fields().stream().filter(n -> !java.util.Objects.equals(SinkFixtures.normalised(o).get(n), a.get(n))
                        && !(o.get(n) instanceof byte[] ob && a.get(n) instanceof byte[] ab && java.util.Arrays.equals(ob, ab))))
                        .as("fields changed in %s", f.key()).containsExactly(field);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void deleteAndOrphanChangeTheKeySetAsReported(Store store) {
        try (DerivedSink sink = filled(store, dir)) {
            List<InjectedFault> deleted = new FaultInjection(sink).inject(Fault.DELETE, 4, 11);
            List<InjectedFault> orphans = new FaultInjection(sink).inject(Fault.ORPHAN, 2, 11);

            Map<Row, Row> after = contents(sink);
            assertThat(sink.count()).isEqualTo(50 - 4 + 2);
            deleted.forEach(f -> assertThat(after).doesNotContainKey(f.key()));
            orphans.forEach(f -> assertThat(after).containsKey(f.key()));
            assertThat(sink.checkpoint()).isEqualTo(SinkFixtures.through(50));
        }
    }

    @Test
    void theSameSeedPicksTheSameRecords() {
        try (DerivedSink sink = filled(stores().findFirst().orElseThrow(), dir)) {
            List<Row> first = new FaultInjection(sink).inject(Fault.DELETE, 3, 99).stream().map(InjectedFault::key).toList();
            assertThat(first).hasSize(3);
        }
        Path other = dir.resolve("again");
        try (DerivedSink sink = filled(stores().findFirst().orElseThrow(), other)) {
            List<Row> second = new FaultInjection(sink).inject(Fault.DELETE, 3, 99).stream().map(InjectedFault::key).toList();
            try (DerivedSink s1 = stores().findFirst().orElseThrow().open().apply(dir)) {
                assertThat(contents(s1).keySet()).doesNotContainAnyElementsOf(second);
            }
        }
    }

    @Test
    void truncatedBlobIsFoundByTheContentCheck() {
        Store blobs = stores().filter(s -> s.name().equals("blobstore")).findFirst().orElseThrow();
        List<InjectedFault> faults;
        try (DerivedSink sink = filled(blobs, dir)) {
            faults = new FaultInjection(sink).inject(Fault.TRUNCATE_BLOB, 2, 5);
            assertThat(faults).allSatisfy(f -> assertThat(f.change()).startsWith("truncated "));
        }
        try (BlobStoreReader reader = BlobStoreReader.open(dir.resolve("blobs"), customers("customers"))) {
            for (InjectedFault f : faults) {
                assertThat(reader.verifyContent(f.key())).extracting(BlobCheck::status).containsOnly(BlobCheck.Status.TRUNCATED);
            }
        }
    }
}
