package io.headwater.connectors.debezium;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headwater.connectors.kafka.SchemaRegistryFraming;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.ChangeDecoder;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.ChangeOp;
import io.headwater.engine.spi.LogRecord;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;

/**
 * Decodes Debezium's change event envelope in JSON ({@code before}, {@code after}, {@code source},
 * {@code op}), as {@link DebeziumCapture} writes it and as Kafka Connect's JsonConverter writes it with
 * or without schemas: a key or value that is an object of exactly {@code schema} and {@code payload}
 * is a schema envelope, told apart record by record (see {@link ConnectJson}). Values are typed by
 * the log dataset's fields:
 * <ul>
 *   <li>{@code op} c/u/d/r → CREATE/UPDATE/DELETE/SNAPSHOT;</li>
 *   <li>with a schema, its logical types are read exactly (Decimal from base64 and scale, Debezium's
 *       timestamps, dates and UUIDs; see {@link ConnectValues});</li>
 *   <li>without one: INTEGER from a number → {@code Long}; DECIMAL from a string (or number) → {@code BigDecimal},
 *       scale kept; FLOAT → {@code Double}; BOOLEAN; STRING; TIMESTAMP from an ISO-8601 string ({@code timestamptz})
 *       or from epoch microseconds ({@code timestamp} under {@code adaptive_time_microseconds}) → {@code Instant};
 *       DATE from epoch days (or an ISO date) → {@code LocalDate}; UUID from its text; BYTES from base64.</li>
 * </ul>
 * A dataset without declared fields yields every JSON field with its natural type (numbers as
 * {@code Long} or {@code BigDecimal}). {@code committedAt} is {@code source.ts_us} when present, else
 * {@code source.ts_ms}. The event id is {@code <source.lsn>:<schema.table>:<key json>}, which stays
 * the same when the record is delivered again. Tombstones (null value) decode to empty: the delete
 * before them carries the change. A record framed for a schema registry (Avro) is refused.
 *
 * <p>Thread-safe and stateless.
 */
public final class DebeziumJsonDecoder implements ChangeDecoder {
    /** Decimal numbers are kept as written (JsonConverter's {@code decimal.format=NUMERIC}), not rounded to a double. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Override
    public Optional<ChangeEvent> decode(LogRecord record, Dataset logDataset) {
        SchemaRegistryFraming.rejectFramed(record, logDataset);
        if (record.value() == null) {
            return Optional.empty();
        }
        ConnectJson value = ConnectJson.of(parse(record, record.value(), "value"));
        if (value.isNull()) {
            return Optional.empty();
        }
        JsonNode payload = value.payload();
        JsonNode opNode = payload.get("op");
        if (opNode == null || !opNode.isTextual()) {
            return Optional.empty(); // not a change (heartbeat, schema change)
        }
        try {
            ChangeOp op = op(opNode.asText());
            JsonNode source = payload.path("source");
            ConnectSchema rowSchema = rowSchema(value.schema());
            Row before = RowImages.row(payload.get("before"), rowSchema, logDataset, name -> true);
            Row after = RowImages.row(payload.get("after"), rowSchema, logDataset, name -> true);
            ConnectJson key = record.key() == null ? null : ConnectJson.of(parse(record, record.key(), "key"));
            JsonNode keyNode = key == null ? null : key.payload();
            Row keyRow = RowImages.key(keyNode, key == null ? null : key.schema(), logDataset, after != null ? after : before);
            String table = source.path("schema").asText("") + "." + source.path("table").asText("");
            String lsn = source.hasNonNull("lsn") ? source.get("lsn").asText() : record.position().toString();
            String keyText = keyNode == null ? "null" : JSON.writeValueAsString(keyNode);
            return Optional.of(new ChangeEvent(record.position(), lsn + ":" + table + ":" + keyText, op, keyRow, before, after,
                    committedAt(source, record)));
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException | JsonProcessingException e) {
            throw new StoreException("log record " + record.position() + " of " + logDataset.ref()
                    + " is not a change event Headwater can read: " + e.getMessage(), e);
        }
    }

    /** The schema of the row images: that of {@code after} (or {@code before}) in the envelope's schema. */
    private static ConnectSchema rowSchema(ConnectSchema envelope) {
        ConnectSchema after = ConnectSchema.field(envelope, "after");
        return after != null ? after : ConnectSchema.field(envelope, "before");
    }

    static JsonNode parse(LogRecord record, byte[] bytes, String part) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new StoreException("log record " + record.position() + " has a " + part + " that is not JSON: " + e.getMessage(), e);
        }
    }

    static ChangeOp op(String code) {
        return switch (code) {
            case "c" -> ChangeOp.CREATE;
            case "u" -> ChangeOp.UPDATE;
            case "d" -> ChangeOp.DELETE;
            case "r" -> ChangeOp.SNAPSHOT;
            default -> throw new IllegalArgumentException("unknown op '" + code + "'");
        };
    }

    private static Instant committedAt(JsonNode source, LogRecord record) {
        if (source.hasNonNull("ts_us")) {
            return ConnectValues.instantFromMicros(source.get("ts_us").asLong());
        }
        if (source.hasNonNull("ts_ms")) {
            return Instant.ofEpochMilli(source.get("ts_ms").asLong());
        }
        return record.timestamp();
    }

    /** Converts one JSON value to the engine's Java type for {@code type}, with no schema to go by. */
    public static Object typed(JsonNode n, FieldType type) {
        return ConnectValues.typed(n, type);
    }
}
