package io.headwater.connectors.mvstore;

import static io.headwater.connectors.mvstore.SinkFixtures.create;
import static io.headwater.connectors.mvstore.SinkFixtures.customer;
import static io.headwater.connectors.mvstore.SinkFixtures.customers;
import static io.headwater.connectors.mvstore.SinkFixtures.customersFlow;
import static io.headwater.connectors.mvstore.SinkFixtures.through;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.DerivedSink;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MvStoreSinkTest extends SinkContract {

    private Path file() {
        return dir.resolve("cache").resolve("cache.mv.db");
    }

    @Override
    protected DerivedSink openSink(Dataset dataset, Flow flow) {
        return MvStoreSink.open(file(), dataset, flow);
    }

    @Override
    protected DatasetReader openReader(Dataset dataset) {
        return MvStoreReader.open(file(), dataset);
    }

    @Test
    void datasetsSharingOneFileKeepSeparateRecordsAndCheckpoints() {
        Dataset a = customers("customers_a");
        Dataset b = customers("customers_b");
        try (MvStoreSink sa = MvStoreSink.open(file(), a, customersFlow()); MvStoreSink sb = MvStoreSink.open(file(), b, customersFlow())) {
            sa.apply(List.of(create(0, customer(1, "Ann", "a@x.org")), create(1, customer(2, "Bob", "b@x.org"))), through(1));
            sb.apply(List.of(create(0, customer(3, "Cy", "c@x.org"))), through(0));
            assertThat(sa.count()).isEqualTo(2);
            assertThat(sb.count()).isEqualTo(1);
        }
        try (MvStoreReader ra = MvStoreReader.open(file(), a); MvStoreReader rb = MvStoreReader.open(file(), b)) {
            assertThat(ra.checkpoint()).isEqualTo(through(1));
            assertThat(rb.checkpoint()).isEqualTo(through(0));
            assertThat(rb.lookup(Row.of("customer_id", 3L))).isPresent();
            assertThat(ra.lookup(Row.of("customer_id", 3L))).isEmpty();
        }
    }

    @Test
    void failedBatchLeavesNeitherDataNorCheckpoint() {
        Row badType = Row.of("id", 2L, "name", 12345L);
        try (MvStoreSink sink = MvStoreSink.open(file(), customers("customers"), customersFlow())) {
            sink.apply(List.of(create(0, customer(1, "Ann", "a@x.org"))), through(0));
            assertThatThrownBy(() -> sink.apply(List.of(create(1, customer(3, "Cy", "c@x.org")), create(2, badType)), through(2)))
                    .isInstanceOf(StoreException.class).hasMessageContaining("name");
            assertThat(sink.count()).isEqualTo(1);
            assertThat(sink.checkpoint()).isEqualTo(through(0));
        }
    }

    @Test
    void aggregateFlowIsRefused() {
        Flow agg = io.headwater.connectors.mvstore.SinkFixtures.customersFlow();
        Flow counting = new Flow("count", agg.kind(), agg.from(), agg.to(), List.of(new io.headwater.engine.model.MappedField("n",
                new io.headwater.engine.model.Expression.Call(io.headwater.engine.model.MappingFunction.COUNT, List.of()))));
        assertThatThrownBy(() -> MvStoreSink.open(file(), customers("customers"), counting)).isInstanceOf(StoreException.class);
        assertThat(Checkpoint.EMPTY.encode()).isEmpty();
    }
}
