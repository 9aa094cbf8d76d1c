package io.headwater.tests.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headwater.connectors.opensearch.OpenSearchEndpoint;
import io.headwater.connectors.opensearch.OpenSearchReader;
import io.headwater.engine.ConnectionException;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OpenSearchReader} against a real OpenSearch 2.19 node in its own JVM: 2,500 documents indexed
 * out of key order come back in key order, with their values in the dataset's types, and reading
 * writes nothing.
 */
class OpenSearchReaderIT {
    private static final int DOCS = 2_500;
    private static final String INDEX = "accounts-1";
    private static final String ALIAS = "accounts";
    private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static OpenSearchTestNode node;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startNodeAndIndex() throws Exception {
        node = OpenSearchTestNode.start(dir);
        System.out.println("OpenSearch node start-up: " + node.startUp().toMillis() + " ms");
        send("PUT", "/" + INDEX, """
                {"settings": {"number_of_shards": 2, "number_of_replicas": 0},
                 "mappings": {"properties": {
                   "id": {"type": "keyword"}, "seq": {"type": "long"}, "balance": {"type": "double"},
                   "score": {"type": "float"}, "active": {"type": "boolean"},
                   "opened": {"type": "date", "format": "strict_date_optional_time||epoch_millis"},
                   "born": {"type": "date", "format": "yyyy-MM-dd"},
                   "name": {"type": "text"}, "note": {"type": "keyword"}}}}""");
        StringBuilder bulk = new StringBuilder();
        for (int n = 0; n < DOCS; n++) {
            int i = (int) ((n * 7919L) % DOCS);
            Instant opened = EPOCH.plusSeconds(i * 3_600L).plusMillis(i);
            String openedJson = i % 2 == 0 ? "\"" + opened + "\"" : Long.toString(opened.toEpochMilli());
            bulk.append("{\"index\":{\"_id\":\"").append(id(i)).append("\"}}\n")
                    .append("{\"id\":\"").append(id(i)).append("\",\"seq\":").append(i)
                    .append(",\"balance\":").append(i).append(".25")
                    .append(",\"score\":").append(i % 4).append(".5")
                    .append(",\"active\":").append(i % 3 == 0)
                    .append(",\"opened\":").append(openedJson)
                    .append(",\"born\":\"").append(LocalDate.of(1950, 1, 1).plusDays(i)).append("\"")
                    .append(",\"name\":\"Holder ").append(i).append("\"")
                    .append(",\"note\":\"not declared\"}\n");
        }
        JsonNode result = send("POST", "/" + INDEX + "/_bulk?refresh=true", bulk.toString());
        assertThat(result.path("errors").asBoolean(true)).as("bulk errors: %.500s", result).isFalse();
        send("POST", "/_aliases", "{\"actions\":[{\"add\":{\"index\":\"" + INDEX + "\",\"alias\":\"" + ALIAS + "\"}}]}");
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private static String id(int i) {
        return String.format("acc-%05d", i);
    }

    private static Dataset dataset(String physicalName) {
        return new Dataset(new DatasetRef("search", "accounts"), physicalName, List.of("id"), List.of(
                new Field("id", FieldType.STRING), new Field("seq", FieldType.INTEGER), new Field("balance", FieldType.DECIMAL),
                new Field("score", FieldType.FLOAT), new Field("active", FieldType.BOOLEAN), new Field("opened", FieldType.TIMESTAMP),
                new Field("born", FieldType.DATE), new Field("name", FieldType.STRING)), "opened");
    }

    private static OpenSearchReader reader(String physicalName) {
        return new OpenSearchReader(new OpenSearchEndpoint("search", "127.0.0.1", node.httpPort()), dataset(physicalName));
    }

    private static Row expected(int i) {
        Instant opened = EPOCH.plusSeconds(i * 3_600L).plusMillis(i);
        return Row.of("id", id(i), "seq", (long) i, "balance", new BigDecimal(i + ".25"), "score", (i % 4) + 0.5,
                "active", i % 3 == 0, "opened", opened, "born", LocalDate.of(1950, 1, 1).plusDays(i), "name", "Holder " + i);
    }

    @Test
    void scanThroughTheAliasReturnsEveryDocumentInKeyOrderWithTypedValues() {
        List<Row> rows = new ArrayList<>();
        try (OpenSearchReader reader = reader(ALIAS)) {
            reader.scan(rows::add);
        }
        assertThat(rows).hasSize(DOCS);
        for (int i = 0; i < DOCS; i++) {
            assertThat(rows.get(i)).as("row %d", i).isEqualTo(expected(i));
        }
    }

    @Test
    void countAndLookupAnswerFromTheIndex() {
        try (OpenSearchReader reader = reader(INDEX)) {
            assertThat(reader.count()).isEqualTo(DOCS);
            assertThat(reader.lookup(Row.of("id", id(1234)))).contains(expected(1234));
            assertThat(reader.lookup(Row.of("id", id(1)))).contains(expected(1));
            assertThat(reader.lookup(Row.of("id", "acc-99999"))).isEqualTo(Optional.empty());
        }
    }

    @Test
    void aMissingIndexIsAStoreErrorNamingIt() {
        try (OpenSearchReader reader = reader("no-such-index")) {
            assertThatThrownBy(() -> reader.scan(r -> { }))
                    .isInstanceOf(StoreException.class).hasMessageContaining("'no-such-index'").hasMessageContaining("does not exist");
            assertThatThrownBy(reader::count)
                    .isInstanceOf(StoreException.class).hasMessageContaining("'no-such-index'").hasMessageContaining("does not exist");
        }
    }

    @Test
    void anUnreachableClusterIsAConnectionErrorNamingHostAndPort() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (OpenSearchReader reader = new OpenSearchReader(new OpenSearchEndpoint("search", "127.0.0.1", port), dataset(INDEX))) {
            assertThatThrownBy(reader::count)
                    .isInstanceOf(ConnectionException.class).hasMessageContaining("'search'").hasMessageContaining("127.0.0.1:" + port);
        }
    }

    @Test
    void readingWritesNothing() throws Exception {
        JsonNode docBefore = send("GET", "/" + INDEX + "/_doc/" + id(42), null);
        long indexedBefore = indexTotal();
        try (OpenSearchReader reader = reader(ALIAS)) {
            reader.scan(r -> { });
            reader.count();
            reader.lookup(Row.of("id", id(42)));
        }
        JsonNode docAfter = send("GET", "/" + INDEX + "/_doc/" + id(42), null);
        for (String meta : List.of("_seq_no", "_primary_term", "_version")) {
            assertThat(docAfter.path(meta).asLong(-1)).as(meta).isEqualTo(docBefore.path(meta).asLong(-2));
        }
        assertThat(send("GET", "/" + INDEX + "/_count", null).path("count").asLong()).isEqualTo(DOCS);
        assertThat(indexTotal()).isEqualTo(indexedBefore);
    }

    private static long indexTotal() throws Exception {
        return send("GET", "/" + INDEX + "/_stats/indexing", null).path("_all").path("primaries").path("indexing").path("index_total").asLong(-1);
    }

    private static JsonNode send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
                .header("Content-Type", path.contains("/_bulk") ? "application/x-ndjson" : "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %.500s", method, path, response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }
}
