package io.headwater.connectors.verify;

import static io.headwater.connectors.debezium.ConnectSamples.ROW;
import static io.headwater.connectors.debezium.ConnectSamples.ROW_STRING_DECIMALS;
import static io.headwater.connectors.debezium.ConnectSamples.change;
import static io.headwater.connectors.debezium.ConnectSamples.flattened;
import static io.headwater.connectors.debezium.ConnectSamples.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.connectors.debezium.ConnectSamples;
import io.headwater.connectors.kafka.EmbeddedKafkaBroker;
import io.headwater.connectors.kafka.KafkaEventLog;
import io.headwater.engine.StoreException;
import io.headwater.engine.integrity.FingerprintAlgorithm;
import io.headwater.engine.integrity.FingerprintedRow;
import io.headwater.engine.integrity.KeyRange;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.LogFormat;
import io.headwater.engine.model.Row;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same table history written in every topic format a user's Debezium writes, each into its own
 * topic of the in-process broker, read back the way verification reads a topic
 * ({@link KafkaTopicVerifySide#read}) to the same latest rows; and an Avro topic refused by name.
 * Reading joins no consumer group and creates no topic.
 */
class KafkaTopicFormatsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Instant OPENED_AT = Instant.parse("2024-05-01T10:00:00.123456Z");
    private static final LocalDate OPENED_ON = LocalDate.of(2024, 4, 30);

    @TempDir
    Path dir;

    private static Struct account(Schema schema, int id, String balance) {
        return row(schema, id, "owner-" + id, balance, 1714557600123456L, "2024-05-02T08:30:00.654321Z", OPENED_ON,
                new UUID(0, id).toString());
    }

    private static Row expected(int id, String balance) {
        return Row.of("id", (long) id, "owner", "owner-" + id, "balance", new BigDecimal(balance), "opened_at", OPENED_AT,
                "updated_at", Instant.parse("2024-05-02T08:30:00.654321Z"), "opened_on", OPENED_ON, "ref", new UUID(0, id));
    }

    /** Snapshot of 1..3, an update of 1, a delete of 2 with its tombstone, a create of 4. */
    private static List<SourceRecord> history(Schema s) {
        SourceRecord delete = change('d', account(s, 2, "20.00"), null, 1714640004000L, 104);
        return List.of(change('r', null, account(s, 1, "10.00"), 1714640000000L, 100),
                change('r', null, account(s, 2, "20.00"), 1714640000000L, 100),
                change('r', null, account(s, 3, "-0.05"), 1714640000000L, 100),
                change('u', account(s, 1, "10.00"), account(s, 1, "1234567.89"), 1714640003000L, 103),
                delete, ConnectSamples.tombstone(delete),
                change('c', null, account(s, 4, "0.00"), 1714640005000L, 105));
    }

    private static void produce(KafkaEventLog log, String topic, List<SourceRecord> records, boolean schemas) {
        log.produceAll(topic, records.stream().map(r -> ConnectSamples.json(r, schemas))
                .map(b -> new KafkaEventLog.Entry(b.key(), b.value())).toList());
    }

    private static List<Row> latest(KafkaEventLog log, Dataset dataset) {
        try (KafkaTopicVerifySide side = KafkaTopicVerifySide.read(log, dataset, TIMEOUT)) {
            List<FingerprintedRow> rows = new ArrayList<>();
            side.scan(KeyRange.ALL, FingerprintAlgorithm.SHA256_64, true, rows::add);
            return rows.stream().map(FingerprintedRow::values).toList();
        }
    }

    @Test
    void everyFormatReadsBackToTheSameLatestRowsWithoutAGroupOrANewTopic() throws Exception {
        Map<String, LogFormat> topics = Map.of("debezium-schemas", LogFormat.DEBEZIUM, "debezium-plain", LogFormat.DEBEZIUM,
                "flattened-tombstone", LogFormat.FLATTENED, "flattened-rewrite-schemas", LogFormat.FLATTENED);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
             KafkaEventLog log = new KafkaEventLog("kafka", broker.bootstrapServers());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            produce(log, "debezium-schemas", history(ROW), true);
            produce(log, "debezium-plain", history(ROW_STRING_DECIMALS), false);
            produce(log, "flattened-tombstone", flattened(history(ROW_STRING_DECIMALS), Map.of("delete.tombstone.handling.mode", "tombstone")), false);
            produce(log, "flattened-rewrite-schemas", flattened(history(ROW),
                    Map.of("delete.tombstone.handling.mode", "rewrite", "add.fields", "op,table,lsn,source.ts_ms")), true);
            Set<String> topicsBefore = admin.listTopics().names().get();

            List<Row> want = List.of(expected(1, "1234567.89"), expected(3, "-0.05"), expected(4, "0.00"));
            topics.forEach((topic, format) -> assertThat(latest(log, ConnectSamples.dataset(topic, format))).as(topic).isEqualTo(want));

            assertThat(admin.listTopics().names().get()).isEqualTo(topicsBefore);
            assertThat(admin.listConsumerGroups().all().get()).extracting(ConsumerGroupListing::groupId).isEmpty();
        }
    }

    @Test
    void plainEventsReadBackAsOneRowPerEvent() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
             KafkaEventLog log = new KafkaEventLog("kafka", broker.bootstrapServers())) {
            List<KafkaEventLog.Entry> events = new ArrayList<>();
            for (int id = 1; id <= 3; id++) {
                String json = "{\"id\":" + id + ",\"owner\":\"owner-" + id + "\",\"balance\":\"" + id + ".50\"}";
                events.add(new KafkaEventLog.Entry(null, json.getBytes(StandardCharsets.UTF_8)));
            }
            log.produceAll("payments", events);

            List<Row> rows = latest(log, ConnectSamples.dataset("payments", LogFormat.EVENTS));

            assertThat(rows).extracting(r -> r.get("balance")).containsExactly(new BigDecimal("1.50"), new BigDecimal("2.50"), new BigDecimal("3.50"));
        }
    }

    @Test
    void anAvroTopicIsRefusedNamingTopicPartitionAndOffset() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
             KafkaEventLog log = new KafkaEventLog("kafka", broker.bootstrapServers())) {
            produce(log, "avro", history(ROW_STRING_DECIMALS).subList(0, 1), false);
            log.produceAll("avro", List.of(new KafkaEventLog.Entry(new byte[] {0, 0, 0, 0, 7, 2}, new byte[] {0, 0, 0, 0, 8, 2, 6, 'A', 'n', 'n'})));

            assertThatThrownBy(() -> latest(log, ConnectSamples.dataset("avro", LogFormat.DEBEZIUM)))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("topic avro, partition 0, offset 1")
                    .hasMessageContaining("Avro (schema registry) is not supported yet");
        }
    }
}
