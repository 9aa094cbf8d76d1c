package io.headwater.connectors.debezium;

import io.debezium.data.Envelope;
import io.debezium.data.Uuid;
import io.debezium.time.Date;
import io.debezium.time.MicroTimestamp;
import io.debezium.time.ZonedTimestamp;
import io.debezium.transforms.ExtractNewRecordState;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.LogFormat;
import io.headwater.engine.spi.LogPosition;
import io.headwater.engine.spi.LogRecord;
import io.headwater.engine.spi.PartitionRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Change records of a PostgreSQL table {@code public.accounts} as a Debezium connector in Kafka
 * Connect writes them: built with Debezium's own {@link Envelope}, optionally passed through its
 * {@link ExtractNewRecordState} transform, and serialized by Kafka Connect's {@link JsonConverter}
 * with or without schemas. No hand-written JSON: the bytes are what a user's topic holds.
 */
public final class ConnectSamples {
    public static final Schema KEY = SchemaBuilder.struct().name("bank.public.accounts.Key").field("id", Schema.INT32_SCHEMA).build();
    /** The row under the connector's default {@code decimal.handling.mode=precise}: a numeric(12,2) is a Decimal. */
    public static final Schema ROW = row(Decimal.builder(2).optional().parameter("connect.decimal.precision", "12").build());
    /** The row under {@code decimal.handling.mode=string}, the usual choice with schemas disabled. */
    public static final Schema ROW_STRING_DECIMALS = row(Schema.OPTIONAL_STRING_SCHEMA);
    private static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
            .field("version", Schema.STRING_SCHEMA).field("connector", Schema.STRING_SCHEMA).field("name", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA).field("snapshot", Schema.OPTIONAL_STRING_SCHEMA).field("db", Schema.STRING_SCHEMA)
            .field("schema", Schema.STRING_SCHEMA).field("table", Schema.STRING_SCHEMA).field("lsn", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    private static Schema row(Schema balance) {
        return SchemaBuilder.struct().name("bank.public.accounts.Value").optional()
                .field("id", Schema.INT32_SCHEMA)
                .field("owner", Schema.OPTIONAL_STRING_SCHEMA)
                .field("balance", balance)
                .field("opened_at", MicroTimestamp.builder().optional().build())
                .field("updated_at", ZonedTimestamp.builder().optional().build())
                .field("opened_on", Date.builder().optional().build())
                .field("ref", Uuid.builder().optional().build())
                .build();
    }

    /** The topic's dataset as an attached config declares it. */
    public static Dataset dataset(String topic, LogFormat format) {
        return new Dataset(new DatasetRef("kafka", "accounts"), topic, List.of("id"), List.of(
                new Field("id", FieldType.INTEGER), new Field("owner", FieldType.STRING), new Field("balance", FieldType.DECIMAL),
                new Field("opened_at", FieldType.TIMESTAMP), new Field("updated_at", FieldType.TIMESTAMP),
                new Field("opened_on", FieldType.DATE), new Field("ref", FieldType.UUID)), null, format);
    }

    /** A serialized record: key and value bytes (either may be null). */
    public record Bytes(byte[] key, byte[] value) {
        public LogRecord at(String topic, long offset, Instant timestamp) {
            return new LogRecord(new LogPosition(new PartitionRef(topic, 0), offset), key, value, timestamp);
        }
    }

    /** One account row of {@code schema} ({@link #ROW} or {@link #ROW_STRING_DECIMALS}). */
    public static Struct row(Schema schema, int id, String owner, String balance, long openedAtMicros, String updatedAt, LocalDate openedOn,
                             String ref) {
        Object amount = schema.field("balance").schema().type() == Schema.Type.STRING ? balance : new BigDecimal(balance);
        return new Struct(schema).put("id", id).put("owner", owner).put("balance", amount)
                .put("opened_at", openedAtMicros).put("updated_at", updatedAt).put("opened_on", (int) openedOn.toEpochDay()).put("ref", ref);
    }

    private static Struct source(long tsMs, long lsn, boolean snapshot) {
        return new Struct(SOURCE).put("version", "3.6.1.Final").put("connector", "postgresql").put("name", "bank")
                .put("ts_ms", tsMs).put("snapshot", snapshot ? "true" : "false").put("db", "bank").put("schema", "public")
                .put("table", "accounts").put("lsn", lsn);
    }

    /** A change record as the connector emits it, before any transform. */
    public static SourceRecord change(char op, Struct before, Struct after, long tsMs, long lsn) {
        Struct image = after != null ? after : before;
        Envelope envelope = Envelope.defineSchema().withName("bank.public.accounts.Envelope").withRecord(image.schema()).withSource(SOURCE).build();
        Struct src = source(tsMs, lsn, op == 'r');
        Instant ts = Instant.ofEpochMilli(tsMs + 5);
        Struct value = switch (op) {
            case 'r' -> envelope.read(after, src, ts);
            case 'c' -> envelope.create(after, src, ts);
            case 'u' -> envelope.update(before, after, src, ts);
            case 'd' -> envelope.delete(before, src, ts);
            default -> throw new IllegalArgumentException("op " + op);
        };
        Struct key = new Struct(KEY).put("id", image.getInt32("id"));
        return new SourceRecord(Map.of("server", "bank"), Map.of("lsn", lsn), "bank.public.accounts", null, KEY, key,
                envelope.schema(), value);
    }

    /** The tombstone the connector emits after a delete ({@code tombstones.on.delete=true}). */
    public static SourceRecord tombstone(SourceRecord delete) {
        return new SourceRecord(delete.sourcePartition(), delete.sourceOffset(), delete.topic(), null, delete.keySchema(), delete.key(), null, null);
    }

    /**
     * The records after {@code ExtractNewRecordState} configured with {@code config} (e.g.
     * {@code delete.tombstone.handling.mode}, {@code add.fields}); a dropped record is left out.
     */
    public static List<SourceRecord> flattened(List<SourceRecord> records, Map<String, String> config) {
        try (ExtractNewRecordState<SourceRecord> smt = new ExtractNewRecordState<>()) {
            smt.configure(config);
            return records.stream().map(smt::apply).filter(Objects::nonNull).toList();
        }
    }

    /** The record serialized by JsonConverter for key and value, with {@code schemas.enable} as given. */
    public static Bytes json(SourceRecord record, boolean schemas) {
        return new Bytes(converter(schemas, true).fromConnectData(record.topic(), record.keySchema(), record.key()),
                converter(schemas, false).fromConnectData(record.topic(), record.valueSchema(), record.value()));
    }

    private static JsonConverter converter(boolean schemas, boolean isKey) {
        JsonConverter c = new JsonConverter();
        c.configure(Map.of("schemas.enable", String.valueOf(schemas)), isKey);
        return c;
    }

    private ConnectSamples() {
    }
}
