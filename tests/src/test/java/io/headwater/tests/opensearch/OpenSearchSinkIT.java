package io.headwater.tests.opensearch;

import static io.headwater.connectors.mvstore.SinkFixtures.create;
import static io.headwater.connectors.mvstore.SinkFixtures.customer;
import static io.headwater.connectors.mvstore.SinkFixtures.customers;
import static io.headwater.connectors.mvstore.SinkFixtures.customersFlow;
import static io.headwater.connectors.mvstore.SinkFixtures.through;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.connectors.SystemAdapters;
import io.headwater.connectors.mvstore.SinkContract;
import io.headwater.connectors.opensearch.OpenSearchEndpoint;
import io.headwater.connectors.opensearch.OpenSearchReader;
import io.headwater.connectors.opensearch.OpenSearchSink;
import io.headwater.connectors.opensearch.SearchDialect;
import io.headwater.engine.ReadOnlyException;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.Row;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.SystemAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenSearchSink} against a real OpenSearch 2.19 node in its own JVM: the shared sink contract
 * (each test in indexes of its own), then the alias layout of rebuilds: a shadow index beside the live
 * one, reopened with its checkpoint, swapped in by one {@code _aliases} request with the old index
 * kept, and refused on a dataset that is a concrete index; and no sink on a read-only system.
 */
class OpenSearchSinkIT extends SinkContract {
    private static final AtomicInteger TEST = new AtomicInteger();
    private static Path nodeDir;
    private static OpenSearchTestNode node;
    private static SearchHttp http;
    private String prefix;

    @BeforeAll
    static void startNode() throws Exception {
        nodeDir = Files.createTempDirectory("headwater-os-sink");
        node = OpenSearchTestNode.start(nodeDir);
        http = new SearchHttp(node.httpPort());
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @BeforeEach
    void ownIndexes() {
        prefix = "sink" + TEST.incrementAndGet() + "-";
    }

    private static OpenSearchEndpoint endpoint() {
        return new OpenSearchEndpoint("search", "127.0.0.1", node.httpPort());
    }

    private Dataset own(Dataset dataset) {
        return dataset.physicalName().startsWith(prefix) ? dataset : dataset.withPhysicalName(prefix + dataset.physicalName());
    }

    @Override
    protected DerivedSink openSink(Dataset dataset, Flow flow) {
        return OpenSearchSink.open(endpoint(), SearchDialect.OPENSEARCH, own(dataset), flow);
    }

    @Override
    protected DatasetReader openReader(Dataset dataset) {
        return new OpenSearchReader(endpoint(), own(dataset));
    }

    @Test
    void aFreshStoreIsAnAliasOverItsFirstGenerationWithTheKeyAsDocumentId() throws Exception {
        try (DerivedSink sink = openSink(customers("customers"), customersFlow())) {
            sink.apply(List.of(create(0, customer(42, "Ann", "a@x.org"))), through(0));
        }
        String alias = prefix + "customers";
        assertThat(http.get("/_alias/" + alias).has(alias + "-g1")).isTrue();
        assertThat(http.get("/" + alias + "/_doc/42").path("_source").path("customer_id").asLong()).isEqualTo(42);
        assertThat(http.get("/" + alias + "-g1/_mapping").path(alias + "-g1").path("mappings").path("_meta").path("headwater")
                .path("checkpoint").asText()).isEqualTo(through(0).encode());
    }

    @Test
    void aShadowIsReopenedWithItsCheckpointAndSwappedInByOneAliasRequestKeepingTheOldIndex() throws Exception {
        String alias = prefix + "customers";
        try (DerivedSink live = openSink(customers("customers"), customersFlow())) {
            live.apply(List.of(create(0, customer(1, "Old", "o@x.org"))), through(0));
            assertThat(live.hasShadow()).isFalse();
            try (DerivedSink shadow = live.openShadow()) {
                shadow.apply(List.of(create(0, customer(1, "New", "n@x.org")), create(1, customer(2, "Two", "t@x.org"))), through(1));
            }
            assertThat(live.hasShadow()).isTrue();
            assertThat(live.swapStep()).isEqualTo("one _aliases request moves alias " + alias + " from " + alias + "-g1 to " + alias
                    + "-g2; " + alias + "-g1 is kept until you delete it (DELETE /" + alias + "-g1)");
            try (DerivedSink reopened = live.openShadow()) {
                assertThat(reopened.checkpoint()).isEqualTo(through(1));
                assertThat(reopened.count()).isEqualTo(2);
                try (DatasetReader before = openReader(customers("customers"))) {
                    assertThat(before.count()).as("the shadow is invisible through the alias").isEqualTo(1);
                }
                live.promote(reopened);
                try (DatasetReader after = openReader(customers("customers"))) {
                    assertThat(after.count()).isEqualTo(2);
                    assertThat(after.lookup(Row.of("customer_id", 1L))).map(r -> r.get("name")).contains("New");
                }
                assertThatThrownBy(() -> live.apply(List.of(), through(2))).isInstanceOf(StoreException.class).hasMessageContaining("replaced");
            }
        }
        assertThat(http.get("/_alias/" + alias).has(alias + "-g2")).isTrue();
        assertThat(http.status("HEAD", "/" + alias + "-g1")).as("the previous index is kept").isEqualTo(200);
        try (DerivedSink live = openSink(customers("customers"), customersFlow())) {
            assertThat(live.checkpoint()).isEqualTo(through(1));
            assertThat(live.hasShadow()).isFalse();
        }
    }

    @Test
    void aDiscardedShadowIsDeletedAndTheLiveIndexUntouched() throws Exception {
        String alias = prefix + "customers";
        try (DerivedSink live = openSink(customers("customers"), customersFlow())) {
            live.apply(List.of(create(0, customer(1, "Ann", "a@x.org"))), through(0));
            live.openShadow().close();
            live.discardShadow();
            assertThat(live.hasShadow()).isFalse();
            assertThat(live.count()).isEqualTo(1);
            assertThat(live.checkpoint()).isEqualTo(through(0));
        }
        assertThat(http.status("HEAD", "/" + alias + "-g2")).isEqualTo(404);
    }

    @Test
    void aDatasetThatIsAConcreteIndexIsWrittenInPlaceButNotSwapped() throws Exception {
        String index = prefix + "customers";
        http.send("PUT", "/" + index, "{\"mappings\":{\"properties\":{\"customer_id\":{\"type\":\"long\"}}}}");
        try (DerivedSink live = openSink(customers("customers"), customersFlow())) {
            live.apply(List.of(create(0, customer(5, "Eve", "e@x.org"))), through(0));
            assertThat(live.count()).isEqualTo(1);
            assertThat(live.swapStep()).contains("is a concrete index, not an alias").contains("POST _aliases");
            assertThatThrownBy(live::openShadow).isInstanceOf(StoreException.class)
                    .hasMessageContaining("'" + index + "'").hasMessageContaining("reindex " + index + " into " + index + "-g1");
        }
        assertThat(http.status("HEAD", "/" + index + "-g1")).isEqualTo(404);
    }

    @Test
    void aReadOnlySystemHasNoSink() throws Exception {
        SystemSpec readOnly = new SystemSpec("search", SystemKind.OPENSEARCH, Role.DERIVED, false,
                new Connection("127.0.0.1:" + node.httpPort(), null, null, null, null), List.of(customers(prefix + "customers")));
        try (SystemAdapter adapter = SystemAdapters.open(readOnly, new SystemAdapters.Place(dir, readOnly.connection(), Duration.ofSeconds(10)))) {
            assertThatThrownBy(() -> adapter.sink(customers(prefix + "customers"), customersFlow())).isInstanceOf(ReadOnlyException.class);
        }
        assertThat(http.status("HEAD", "/" + prefix + "customers")).isEqualTo(404);
        assertThat(Checkpoint.EMPTY.encode()).isEmpty();
    }
}
