package io.headwater.tests.foreign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The foreign pipeline harness sets up a working user's pipeline and leaves nothing behind on the shared server. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ForeignPipelineIT {
    private static final int CUSTOMERS = 500;
    private static final int ACCOUNTS = 800;
    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ForeignPipeline pipeline;

    @BeforeAll
    static void start() {
        pipeline = ForeignPipeline.start(ForeignPipelineOptions.defaults().withRows(CUSTOMERS, ACCOUNTS));
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void topicsHoldTheSnapshotOfEveryRowOnce() {
        List<JsonNode> customers = readAll(pipeline.topic("customers"));
        List<JsonNode> accounts = readAll(pipeline.topic("accounts"));

        assertThat(customers).hasSize(CUSTOMERS).allSatisfy(e -> assertThat(e.path("op").asText()).isEqualTo("r"));
        assertThat(accounts).hasSize(ACCOUNTS);
        assertThat(customers.stream().map(e -> e.path("after").path("id").asLong()).collect(Collectors.toSet()))
                .hasSize(CUSTOMERS).contains(1L, (long) CUSTOMERS);
        assertThat(customers.get(0).path("after").path("balance").isTextual())
                .as("decimal.handling.mode=string writes numeric(12,2) as text").isTrue();
    }

    @Test
    @Order(2)
    void connectorRunsUnderItsSlotAndTheRestApiListsIt() throws Exception {
        JsonNode status = JSON.readTree(get(pipeline.connectRestUrl() + "/connectors?expand=info&expand=status"));

        JsonNode connector = status.path(pipeline.connectorName());
        assertThat(connector.path("status").path("connector").path("state").asText()).isEqualTo("RUNNING");
        assertThat(connector.path("info").path("config").path("slot.name").asText()).isEqualTo(pipeline.slotName());
        assertThat(query(pipeline.sourceJdbcUrl(), "SELECT active FROM pg_replication_slots WHERE slot_name = '"
                + pipeline.slotName() + "'")).containsExactly("t");
    }

    @Test
    @Order(3)
    void sinkTableEqualsSourceTableAfterCatchUp() throws Exception {
        pipeline.awaitSinkCaughtUp(CATCH_UP);

        List<String> source = rows(true);
        assertThat(source).hasSize(CUSTOMERS);
        assertThat(rows(false)).isEqualTo(source);
    }

    @Test
    @Order(4)
    void aChangeMadeUnderLoadReachesTheSink() throws Exception {
        long marker = 1_000_000_000L; // far above the ids the load inserts
        pipeline.startLoad(25);
        awaitLoadOperations(20);
        try (Connection c = pipeline.openSource(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO customers (id, name, email, country, updated_at, balance) VALUES (" + marker
                    + ", 'Marker', 'marker@example.com', 'NL', '2026-12-04 10:00:00.123456+00', 12.30)");
            s.executeUpdate("UPDATE customers SET balance = 1234567.89, name = 'Marker updated' WHERE id = " + marker);
        }
        awaitLoadOperations(pipeline.loadOperations() + 20);
        pipeline.pauseLoad();
        pipeline.awaitSinkCaughtUp(CATCH_UP);

        assertThat(query(pipeline.sinkJdbcUrl(), "SELECT name || '|' || balance FROM customers WHERE id = " + marker))
                .containsExactly("Marker updated|1234567.89");
        List<String> source = rows(true);
        assertThat(source).hasSizeGreaterThan(CUSTOMERS / 2);
        assertThat(rows(false)).isEqualTo(source);
        assertThat(pipeline.sinkApplied()).isGreaterThan(CUSTOMERS);
    }

    @Test
    @Order(5)
    void closeLeavesNoSlotPublicationDatabaseOrWorker() throws Exception {
        String admin = pipeline.sourceJdbcUrl().replace("/" + pipeline.sourceDatabase(), "/postgres");
        assertThat(query(pipeline.sourceJdbcUrl(), "SELECT pubname FROM pg_publication")).containsExactly(pipeline.publicationName());

        pipeline.close();

        assertThat(query(admin, "SELECT slot_name FROM pg_replication_slots WHERE slot_name = '" + pipeline.slotName() + "'")).isEmpty();
        assertThat(query(admin, "SELECT datname FROM pg_database WHERE datname IN ('" + pipeline.sourceDatabase() + "', '"
                + pipeline.sinkDatabase() + "')")).isEmpty();
        assertThatThrownBy(() -> get(pipeline.connectRestUrl() + "/connectors")).isInstanceOf(ConnectException.class);
    }

    private static void awaitLoadOperations(long count) {
        Waits.until(count + " load transactions", CATCH_UP, () -> pipeline.loadOperations() >= count,
                () -> pipeline.loadOperations() + " done");
    }

    /** Every record of a topic from its start, read by assignment (no group), values parsed. */
    private static List<JsonNode> readAll(String topic) {
        List<JsonNode> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(parse(r.value()));
                }
            }
        }
        return values;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** The customers of the source or the sink, one text line per row, in key order. */
    private static List<String> rows(boolean source) throws SQLException {
        return query(source ? pipeline.sourceJdbcUrl() : pipeline.sinkJdbcUrl(),
                "SELECT id || '|' || name || '|' || email || '|' || country || '|' || updated_at || '|' || balance "
                        + "FROM customers ORDER BY id");
    }

    private static List<String> query(String jdbcUrl, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, pipeline.postgresUser(), pipeline.postgresUser());
             PreparedStatement p = c.prepareStatement(sql);
             ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }
}
