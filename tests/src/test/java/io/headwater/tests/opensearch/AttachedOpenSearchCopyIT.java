package io.headwater.tests.opensearch;

import static io.headwater.tests.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.app.runtime.FlowVerification;
import io.headwater.app.runtime.LivePipeline;
import io.headwater.engine.ConnectionException;
import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.tests.CliRun.Result;
import io.headwater.tests.attach.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search index that a sink connector keeps from a PostgreSQL table, as the Confluent Elasticsearch
 * sink or the OpenSearch sink connector writes it ({@code key.ignore=false}: {@code _id} is the row's
 * key; timestamps as epoch milliseconds): the machine's PostgreSQL and a real OpenSearch node, both
 * attached and read-only. The same index is declared three times: with a {@code key-field} (read
 * sorted), without one (read by {@code _id} through a bounded-memory spill), and with a flow that
 * declares {@code deletes: keep}. {@code headwater verify} finds the same damage exactly by key
 * through both reads; a record deleted at the source is an orphan, except where the flow keeps
 * deletes; a node that dies in the middle of a verification is an error naming host:port.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AttachedOpenSearchCopyIT {
    private static final int ROWS = 3_000;
    private static final String INDEX = "shop-customers-v1";
    private static final String ALIAS = "shop-customers";
    private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    static Path dir;
    static OpenSearchTestNode node;
    static SearchHttp http;
    static String source;
    static Path config;

    @BeforeAll
    static void seed() throws Exception {
        LocalPostgres.assumeRunning();
        source = LocalPostgres.createDatabase("hw_search_src");
        LocalPostgres.execute(source,
                "CREATE TABLE public.customers (id bigint PRIMARY KEY, email text, balance numeric(12,2), created_at timestamptz)",
                "INSERT INTO public.customers SELECT i, 'C' || i || '@Example.com', i * 1.25, "
                        + "timestamptz '2024-01-01 00:00:00+00' + i * interval '1 hour' FROM generate_series(1, " + ROWS + ") i");
        node = OpenSearchTestNode.start(dir.resolve("node"));
        http = new SearchHttp(node.httpPort());
        http.send("PUT", "/" + INDEX, """
                {"settings": {"number_of_shards": 2, "number_of_replicas": 0},
                 "mappings": {"properties": {"id": {"type": "long"}, "email": {"type": "keyword"},
                   "balance": {"type": "double"}, "created_at": {"type": "date", "format": "epoch_millis"}}},
                 "aliases": {"%s": {}}}""".formatted(ALIAS));
        StringBuilder bulk = new StringBuilder();
        for (int i = 1; i <= ROWS; i++) {
            bulk.append(action(i)).append(document(i, "c" + i + "@example.com")).append('\n');
        }
        http.send("POST", "/_bulk?refresh=true", bulk.toString());
        config = dir.resolve("search.yaml");
        Files.writeString(config, """
                pipeline: search-check
                data-dir: %s
                systems:
                  - id: main
                    kind: postgres
                    role: record
                    address: %s
                    database: %s
                    user: postgres
                    datasets:
                      - id: customers
                        name: public.customers
                        key: id
                        fields: { id: integer, email: string, balance: decimal, created_at: timestamp }
                  - id: search
                    kind: opensearch
                    role: derived
                    address: 127.0.0.1:%d
                    datasets:
                      - { id: customers, name: %s, key-field: id, key: id, fields: &f { id: integer, email: string, balance: decimal, created_at: timestamp } }
                      - { id: by_id, name: %s, key: id, fields: *f }
                      - { id: keeping, name: %s, key-field: id, key: id, fields: *f }
                flows:
                  - { id: sorted, kind: copy, from: main.customers, to: search.customers, mapping: &m { id: id, email: lower(email), balance: balance, created_at: created_at } }
                  - { id: spilled, kind: copy, from: main.customers, to: search.by_id, mapping: *m }
                  - { id: kept, kind: copy, from: main.customers, to: search.keeping, deletes: keep, mapping: *m }
                """.formatted(dir.resolve("data"), LocalPostgres.ADDRESS, source, node.httpPort(), ALIAS, ALIAS, ALIAS));
    }

    @AfterAll
    static void clean() throws Exception {
        if (node != null) {
            node.close();
        }
        LocalPostgres.dropDatabase(source);
    }

    private static String action(int id) {
        return "{\"index\":{\"_index\":\"" + INDEX + "\",\"_id\":\"" + id + "\"}}\n";
    }

    private static String document(int id, String email) {
        return "{\"id\":" + id + ",\"email\":\"" + email + "\",\"balance\":" + new java.math.BigDecimal(id).multiply(new java.math.BigDecimal("1.25"))
                + ",\"created_at\":" + EPOCH.plusSeconds(id * 3_600L).toEpochMilli() + "}";
    }

    private static Result verify(String dataset) {
        return run("verify", "--config", config.toString(), "--dataset", dataset);
    }

    @Test
    @Order(1)
    void anIndexThatMatchesItsTableVerifiesCleanSortedAndByIdAndStatusNamesTheAlias() {
        Result status = run("status", "--config", config.toString());
        assertThat(status.code()).as(status.all()).isZero();
        assertThat(status.out()).contains("127.0.0.1:" + node.httpPort()).contains(String.format("%,d", ROWS))
                .contains(ALIAS + ": alias over " + INDEX);

        for (String dataset : new String[] {"search.customers", "search.by_id"}) {
            Result verify = verify(dataset);
            assertThat(verify.code()).as(verify.all()).isZero();
            assertThat(verify.out()).contains("CLEAN").contains(String.format("compared %,d records", ROWS));
        }
    }

    @Test
    @Order(2)
    void findsADamagedFieldADeletedDocumentAndAnOrphanExactlyByKeyThroughBothReads() throws Exception {
        http.send("POST", "/_bulk?refresh=true", action(77) + document(77, "wrong@example.com") + "\n"
                + "{\"delete\":{\"_index\":\"" + INDEX + "\",\"_id\":\"150\"}}\n" + action(9_999) + document(9_999, "ghost@example.com") + "\n");
        try {
            for (String dataset : new String[] {"search.customers", "search.by_id"}) {
                Result verify = verify(dataset);
                assertThat(verify.code()).as(verify.all()).isEqualTo(1);
                assertThat(verify.out()).as(dataset).contains("CORRUPT").contains("missing 1   extra 1   mismatched 1")
                        .contains("{id=77}").contains("fields [email]").contains("{id=150}").contains("{id=9999}");
            }
        } finally {
            http.send("POST", "/_bulk?refresh=true", action(77) + document(77, "c77@example.com") + "\n" + action(150)
                    + document(150, "c150@example.com") + "\n" + "{\"delete\":{\"_index\":\"" + INDEX + "\",\"_id\":\"9999\"}}\n");
        }
        assertThat(verify("search.customers").code()).isZero();
    }

    @Test
    @Order(3)
    void aDocumentLeftAfterItsRowWasDeletedIsAnOrphanUnlessTheFlowKeepsDeletes() throws Exception {
        LocalPostgres.execute(source, "DELETE FROM public.customers WHERE id = 200");

        Result deleting = verify("search.customers");
        Result keeping = verify("search.keeping");

        assertThat(deleting.code()).as(deleting.all()).isEqualTo(1);
        assertThat(deleting.out()).contains("CORRUPT").contains("extra 1").contains("{id=200}");
        assertThat(keeping.code()).as(keeping.all()).isZero();
        assertThat(keeping.out()).contains("CLEAN").contains("extra 0").contains("kept after deletion 1 (flow kept declares deletes: keep")
                .contains("kept deleted {id=200}");
    }

    @Test
    @Order(4)
    void aNodeThatDiesInTheMiddleOfAVerificationIsAnErrorNamingHostAndPortNeverClean() throws Exception {
        // a damaged document makes the comparison split its segment after the equal ones are counted: the named point
        http.send("POST", "/_bulk?refresh=true", action(2_500) + document(2_500, "damaged@example.com") + "\n");
        Pipeline pipeline = new PipelineLoader().load(config).withDataDir(dir.resolve("data"));
        AtomicBoolean stopped = new AtomicBoolean();
        try (LivePipeline rt = LivePipeline.start(pipeline, new LivePipeline.Options("headwater verify", 0), ProgressListener.NONE)) {
            ProgressListener stopNodeAtFirstEqualSegments = (done, total, unit) -> {
                if (done > 0 && stopped.compareAndSet(false, true)) {
                    node.close();
                }
            };
            assertThatThrownBy(() -> new FlowVerification(rt, VerifyOptions.defaults())
                    .verify(pipeline.flow("sorted").orElseThrow(), new Cancellation(), stopNodeAtFirstEqualSegments, f -> { }))
                    .isInstanceOf(ConnectionException.class).hasMessageContaining("127.0.0.1:" + node.httpPort())
                    .hasMessageContaining("'search'");
        }
        assertThat(stopped).as("the node was stopped mid-way").isTrue();
    }
}
