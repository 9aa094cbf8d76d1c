package io.headwater.connectors.debezium;

import static io.headwater.connectors.debezium.ConnectSamples.ROW;
import static io.headwater.connectors.debezium.ConnectSamples.ROW_STRING_DECIMALS;
import static io.headwater.connectors.debezium.ConnectSamples.change;
import static io.headwater.connectors.debezium.ConnectSamples.json;
import static io.headwater.connectors.debezium.ConnectSamples.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.LogFormat;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.ChangeOp;
import io.headwater.engine.spi.LogPosition;
import io.headwater.engine.spi.LogRecord;
import io.headwater.engine.spi.PartitionRef;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * Debezium's envelope with and without JsonConverter's schema envelope, as the real converter writes
 * it, decoded by {@link DebeziumJsonDecoder}: snapshot, create, update, delete and tombstone, with the
 * logical types read exactly.
 */
class KafkaFormatsDecodingTest {
    static final String TOPIC = "bank.public.accounts";
    static final Dataset DEBEZIUM = ConnectSamples.dataset(TOPIC, LogFormat.DEBEZIUM);
    static final Instant OPENED_AT = Instant.parse("2024-05-01T10:00:00.123456Z");
    static final long OPENED_AT_MICROS = 1714557600123456L;
    static final String UPDATED_AT = "2024-05-02T08:30:00.654321Z";
    static final LocalDate OPENED_ON = LocalDate.of(2024, 4, 30);
    static final String REF = "6f1c4a52-0d7e-4c4e-9a57-2f0c8d1e3b10";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DebeziumJsonDecoder decoder = new DebeziumJsonDecoder();

    static Struct ann(Schema schema, String balance) {
        return row(schema, 1, "Ann", balance, OPENED_AT_MICROS, UPDATED_AT, OPENED_ON, REF);
    }

    static Row annRow(String balance) {
        return Row.of("id", 1L, "owner", "Ann", "balance", new BigDecimal(balance), "opened_at", OPENED_AT,
                "updated_at", Instant.parse(UPDATED_AT), "opened_on", OPENED_ON, "ref", UUID.fromString(REF));
    }

    private static JsonNode tree(byte[] bytes) throws IOException {
        return JSON.readTree(bytes);
    }

    private Optional<ChangeEvent> decode(SourceRecord r, boolean schemas, long offset) {
        return decoder.decode(json(r, schemas).at(TOPIC, offset, Instant.ofEpochMilli(42)), DEBEZIUM);
    }

    @Test
    void theSamplesHaveTheShapesJsonConverterWrites() throws IOException {
        ConnectSamples.Bytes with = json(change('c', null, ann(ROW, "1234.50"), 1714640000000L, 100), true);
        ConnectSamples.Bytes without = json(change('c', null, ann(ROW_STRING_DECIMALS, "1234.50"), 1714640000000L, 100), false);

        JsonNode value = tree(with.value());
        assertThat(value.properties()).extracting(e -> e.getKey()).containsExactly("schema", "payload");
        assertThat(value.at("/payload/after/balance").asText()).isEqualTo("AeI6"); // 123450 unscaled, two's complement
        assertThat(value.at("/payload/after/opened_at").asLong()).isEqualTo(OPENED_AT_MICROS);
        assertThat(tree(with.key()).at("/payload/id").asInt()).isEqualTo(1);
        assertThat(tree(without.value()).has("schema")).isFalse();
        assertThat(tree(without.value()).at("/after/balance").asText()).isEqualTo("1234.50");
        assertThat(new String(without.key())).isEqualTo("{\"id\":1}");
    }

    @Test
    void readsTheSchemaEnvelopeExactlyDecimalFromBase64WithScaleMicroAndZonedTimestampsDateAndUuid() {
        ChangeEvent e = decode(change('c', null, ann(ROW, "1234.50"), 1714640000000L, 100), true, 3).orElseThrow();

        assertThat(e.op()).isEqualTo(ChangeOp.CREATE);
        assertThat(e.key()).isEqualTo(Row.of("id", 1L));
        assertThat(e.after()).isEqualTo(annRow("1234.50"));
        assertThat(((BigDecimal) e.after().get("balance")).scale()).isEqualTo(2);
        assertThat(e.committedAt()).isEqualTo(Instant.ofEpochMilli(1714640000000L));
        assertThat(e.eventId()).isEqualTo("100:public.accounts:{\"id\":1}");
    }

    @Test
    void readsNegativeAndLargeDecimalsExactlyFromTheirTwosComplementBytes() {
        for (String balance : List.of("-0.05", "-1234567890.99", "9999999999.99", "0.00")) {
            ChangeEvent e = decode(change('r', null, ann(ROW, balance), 1714640000000L, 7), true, 0).orElseThrow();

            assertThat(e.after().get("balance")).isEqualTo(new BigDecimal(balance));
        }
    }

    @Test
    void decodesSnapshotCreateUpdateDeleteAndTombstoneAlikeWithAndWithoutSchemas() {
        for (boolean schemas : List.of(true, false)) {
            Schema schema = schemas ? ROW : ROW_STRING_DECIMALS;
            SourceRecord delete = change('d', ann(schema, "12.00"), null, 1714640003000L, 103);
            List<SourceRecord> records = List.of(change('r', null, ann(schema, "10.00"), 1714640000000L, 100),
                    change('u', ann(schema, "10.00"), ann(schema, "12.00"), 1714640002000L, 102), delete, ConnectSamples.tombstone(delete));

            ChangeEvent snapshot = decode(records.get(0), schemas, 0).orElseThrow();
            ChangeEvent update = decode(records.get(1), schemas, 1).orElseThrow();
            ChangeEvent deleted = decode(records.get(2), schemas, 2).orElseThrow();

            assertThat(snapshot.op()).isEqualTo(ChangeOp.SNAPSHOT);
            assertThat(snapshot.after()).isEqualTo(annRow("10.00"));
            assertThat(update.op()).isEqualTo(ChangeOp.UPDATE);
            assertThat(update.before()).isEqualTo(annRow("10.00"));
            assertThat(update.after()).isEqualTo(annRow("12.00"));
            assertThat(deleted.op()).isEqualTo(ChangeOp.DELETE);
            assertThat(deleted.before()).isEqualTo(annRow("12.00"));
            assertThat(deleted.after()).isNull();
            assertThat(deleted.key()).isEqualTo(Row.of("id", 1L));
            assertThat(deleted.committedAt()).isEqualTo(Instant.ofEpochMilli(1714640003000L));
            assertThat(decode(records.get(3), schemas, 3)).as("the tombstone after a delete carries nothing more").isEmpty();
        }
    }

    @Test
    void anObjectWithSchemaAndPayloadAndMoreIsNotAnEnvelope() {
        String value = "{\"schema\":\"public\",\"payload\":1,\"op\":\"c\",\"before\":null,\"after\":{\"id\":9},\"source\":{\"lsn\":5}}";
        ChangeEvent e = decoder.decode(new LogRecord(new LogPosition(new PartitionRef(TOPIC, 0), 0),
                "{\"id\":9}".getBytes(), value.getBytes(), Instant.EPOCH), DEBEZIUM).orElseThrow();

        assertThat(e.after()).isEqualTo(Row.of("id", 9L));
    }

    @Test
    void aDecimalWrittenWithoutItsSchemaIsRefusedWithTheSettingThatFixesIt() {
        SourceRecord precise = change('c', null, ann(ROW, "1234.50"), 1714640000000L, 100);

        assertThatThrownBy(() -> decode(precise, false, 5))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(TOPIC + "-0@5")
                .hasMessageContaining("'AeI6' is not a decimal")
                .hasMessageContaining("decimal.handling.mode=string");
    }

    @Test
    void datasetsWithoutDeclaredFieldsTakeTheTypesTheSchemaGives() {
        Dataset untyped = new Dataset(DEBEZIUM.ref(), TOPIC, List.of(), List.of(), null, LogFormat.DEBEZIUM);

        ChangeEvent e = decoder.decode(json(change('c', null, ann(ROW, "1234.50"), 1714640000000L, 100), true)
                .at(TOPIC, 0, Instant.EPOCH), untyped).orElseThrow();

        assertThat(e.after().get("balance")).isEqualTo(new BigDecimal("1234.50"));
        assertThat(e.after().get("opened_at")).isEqualTo(OPENED_AT);
        assertThat(e.after().get("opened_on")).isEqualTo(OPENED_ON);
        assertThat(e.after().get("ref")).isEqualTo(UUID.fromString(REF));
        assertThat(e.after().get("id")).isEqualTo(1L);
    }
}
