package io.headwater.connectors.verify;

import static io.headwater.connectors.verify.VerifyFixtures.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.connectors.kafka.EmbeddedKafkaBroker;
import io.headwater.connectors.kafka.KafkaEventLog;
import io.headwater.engine.integrity.CanonicalForm;
import io.headwater.engine.integrity.FingerprintAlgorithm;
import io.headwater.engine.integrity.FingerprintedRow;
import io.headwater.engine.integrity.KeyRange;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Expression;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.MappedField;
import io.headwater.engine.model.MappingFunction;
import io.headwater.engine.model.Row;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Debezium CDC topic on the embedded broker, read as the latest value per key. */
class KafkaTopicVerifySideIT {
    private static final String TOPIC = "demo.public.customers";
    private static final Dataset LOG = new Dataset(new DatasetRef("kafka", "customers"), TOPIC, List.of("id"), List.of(
            new Field("id", FieldType.INTEGER), new Field("email", FieldType.STRING), new Field("balance", FieldType.DECIMAL),
            new Field("created_at", FieldType.TIMESTAMP)), null);

    @TempDir
    Path dir;

    private static KafkaEventLog.Entry change(long id, String op, String before, String after) {
        String value = "{\"before\":" + before + ",\"after\":" + after + ",\"source\":{\"schema\":\"public\",\"table\":\"customers\",\"lsn\":"
                + id + ",\"ts_ms\":1714557600000},\"op\":\"" + op + "\"}";
        return new KafkaEventLog.Entry(key(id), value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] key(long id) {
        return ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static String image(long id, String email, String balance, String createdAt) {
        return "{\"id\":" + id + ",\"email\":\"" + email + "\",\"balance\":\"" + balance + "\",\"created_at\":\"" + createdAt + "\"}";
    }

    @Test
    void keepsTheLatestValuePerKeyAndDropsDeletedKeys() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
             KafkaEventLog log = new KafkaEventLog("kafka", broker.bootstrapServers())) {
            String a1 = image(1, "Ann@Example.com", "10.50", "2024-05-01T10:00:00.123456Z");
            String a2 = image(1, "ANN@example.com", "12.50", "2024-05-01T10:00:00.123456Z");
            String b = image(2, "bob@example.com", "3", "2024-05-02T00:00:00Z");
            String c = image(3, "cy|\\\\@example.com", "-0.10", "1969-12-31T23:59:59.999999Z");
            String d = image(4, "di@example.com", "100.00", "2024-05-02T23:00:00Z");
            List<KafkaEventLog.Entry> entries = new ArrayList<>(List.of(change(4, "r", "null", d), change(1, "c", "null", a1),
                    change(2, "c", "null", b), change(3, "c", "null", c), change(1, "u", a1, a2), change(2, "d", b, "null"),
                    new KafkaEventLog.Entry(key(2), null), new KafkaEventLog.Entry(key(3), null))); // 3: a tombstone alone
            entries.add(change(5, "c", "null", image(5, "e@example.com", "1", "2024-05-03T00:00:00Z")));
            log.produceAll(TOPIC, entries);

            try (KafkaTopicVerifySide side = KafkaTopicVerifySide.read(log, LOG, Duration.ofSeconds(30))) {
                log.produceAll(TOPIC, List.of(change(6, "c", "null", image(6, "late@example.com", "1", "2024-05-03T00:00:00Z"))));
                assertThat(side.through().nextOffsets()).containsValue(9L);
                CanonicalForm form = side.form();
                List<FingerprintedRow> scanned = new ArrayList<>();
                side.scan(KeyRange.ALL, FingerprintAlgorithm.SHA256_64, true, scanned::add);
                assertThat(scanned).extracting(r -> r.key().get("id")).containsExactly(1L, 4L, 5L);
                Row ann = Row.of("id", 1L, "email", "ANN@example.com", "balance", new BigDecimal("12.5"),
                        "created_at", java.time.Instant.parse("2024-05-01T10:00:00.123456Z"));
                assertThat(scanned.get(0).fingerprint()).isEqualTo(FingerprintAlgorithm.SHA256_64.fingerprint(form.text(ann)));
                assertThat(side.pushesDown()).isFalse();
                assertThat(side.count()).isEqualTo(3);
            }

            Dataset target = new Dataset(new DatasetRef("search", "customers"), "customers", List.of("customer_id"),
                    List.of(new Field("customer_id", FieldType.INTEGER), new Field("email", FieldType.STRING)), null);
            Flow index = new Flow("index", FlowKind.CONSUME, LOG.ref(), target.ref(), List.of(new MappedField("customer_id", col("id")),
                    new MappedField("email", new Expression.Call(MappingFunction.LOWER, List.of(col("email"))))));
            try (KafkaTopicVerifySide mapped = KafkaTopicVerifySide.read(log, LOG, target, index, Duration.ofSeconds(30))) {
                FingerprintedRow ann = mapped.lookup(Row.of("customer_id", 1L), FingerprintAlgorithm.SHA256_64).orElseThrow();
                assertThat(ann.values().get("email")).isEqualTo("ann@example.com");
                assertThat(ann.fingerprint()).isEqualTo(FingerprintAlgorithm.SHA256_64.fingerprint("hw1|1|ann@example.com"));
                assertThat(mapped.count()).isEqualTo(4);
            }

            Dataset daily = new Dataset(new DatasetRef("analytics", "daily"), "DAILY", List.of("day"), List.of(new Field("day", FieldType.DATE),
                    new Field("n", FieldType.INTEGER), new Field("total", FieldType.DECIMAL)), null);
            Flow totals = new Flow("daily", FlowKind.CONSUME, LOG.ref(), daily.ref(), List.of(
                    new MappedField("day", new Expression.Call(MappingFunction.DAY, List.of(col("created_at")))),
                    new MappedField("n", new Expression.Call(MappingFunction.COUNT, List.of())),
                    new MappedField("total", new Expression.Call(MappingFunction.SUM, List.of(col("balance"))))));
            try (KafkaTopicVerifySide folded = KafkaTopicVerifySide.read(log, LOG, daily, totals, Duration.ofSeconds(30))) {
                List<FingerprintedRow> groups = new ArrayList<>();
                folded.scan(KeyRange.ALL, FingerprintAlgorithm.SHA256_64, true, groups::add);
                assertThat(groups).extracting(g -> g.values().get("day")).containsExactly(LocalDate.of(2024, 5, 1), LocalDate.of(2024, 5, 2),
                        LocalDate.of(2024, 5, 3));
                assertThat(groups.get(1).fingerprint()).isEqualTo(FingerprintAlgorithm.SHA256_64.fingerprint("hw1|2024-05-02|1|100"));
                assertThat(groups.get(2).values().get("n")).isEqualTo(2L); // ids 5 and 6
            }
        }
    }
}
