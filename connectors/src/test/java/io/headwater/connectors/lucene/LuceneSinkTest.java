package io.headwater.connectors.lucene;

import static io.headwater.connectors.mvstore.SinkFixtures.create;
import static io.headwater.connectors.mvstore.SinkFixtures.customer;
import static io.headwater.connectors.mvstore.SinkFixtures.customers;
import static io.headwater.connectors.mvstore.SinkFixtures.customersFlow;
import static io.headwater.connectors.mvstore.SinkFixtures.delete;
import static io.headwater.connectors.mvstore.SinkFixtures.key;
import static io.headwater.connectors.mvstore.SinkFixtures.through;
import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.connectors.mvstore.SinkContract;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.DerivedSink;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LuceneSinkTest extends SinkContract {

    private Path indexDir(Dataset dataset) {
        return dir.resolve("search").resolve(dataset.physicalName());
    }

    @Override
    protected DerivedSink openSink(Dataset dataset, Flow flow) {
        return LuceneSink.open(indexDir(dataset), dataset, flow);
    }

    @Override
    protected DatasetReader openReader(Dataset dataset) {
        return LuceneReader.open(indexDir(dataset), dataset);
    }

    @Test
    void readerOpenBesideTheWriterSeesEachCommittedBatch() {
        Dataset ds = customers("customers");
        try (LuceneSink sink = LuceneSink.open(indexDir(ds), ds, customersFlow()); LuceneReader reader = LuceneReader.open(indexDir(ds), ds)) {
            assertThat(reader.count()).isZero();
            assertThat(reader.checkpoint()).isEqualTo(Checkpoint.EMPTY);
            sink.apply(List.of(create(0, customer(1, "Ann", "a@x.org")), create(1, customer(2, "Bob", "b@x.org"))), through(1));
            assertThat(reader.count()).isEqualTo(2);
            assertThat(reader.checkpoint()).isEqualTo(through(1));
            sink.apply(List.of(delete(2, key(1), null)), through(2));
            assertThat(reader.count()).isEqualTo(1);
            assertThat(sink.count()).isEqualTo(1);
        }
    }

    @Test
    void searchFindsLowerCasedEmailAndNameWords() {
        Dataset ds = customers("customers");
        try (LuceneSink sink = LuceneSink.open(indexDir(ds), ds, customersFlow())) {
            sink.apply(List.of(create(0, customer(1, "Ann Smith", "Ann.Smith@Example.ORG")), create(1, customer(2, "Bob Jones", "bob@other.net"))), through(1));
        }
        try (LuceneReader reader = LuceneReader.open(indexDir(ds), ds)) {
            assertThat(reader.search("smith", 10)).extracting(r -> r.get("customer_id")).containsExactly(1L);
            assertThat(reader.search("email:\"bob@other.net\"", 10)).extracting(r -> r.get("email")).containsExactly("bob@other.net");
            assertThat(reader.search("nobody", 10)).isEmpty();
            assertThat(reader.lookup(Row.of("customer_id", 1L))).map(r -> r.get("email")).contains("ann.smith@example.org");
        }
    }

    @Test
    void scanInKeyOrderSurvivesManySegmentsAndDeletes() {
        Dataset ds = customers("customers");
        try (LuceneSink sink = LuceneSink.open(indexDir(ds), ds, customersFlow())) {
            long offset = 0;
            for (int batch = 0; batch < 20; batch++) {
                List<io.headwater.engine.spi.ChangeEvent> events = new java.util.ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    long id = (i * 20L + batch) * 7919 % 1000;
                    events.add(create(offset++, customer(id, "n" + id, "e@x.org")));
                }
                events.add(delete(offset++, key(batch * 3L), null));
                sink.apply(events, through(offset - 1));
            }
        }
        List<Long> ids = new java.util.ArrayList<>();
        try (LuceneReader reader = LuceneReader.open(indexDir(ds), ds)) {
            reader.scan(r -> ids.add((Long) r.get("customer_id")));
            assertThat(ids).isSorted().doesNotHaveDuplicates().hasSize((int) reader.count());
        }
    }
}
