package io.headwater.connectors.debezium;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.ChangeDecoder;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.ChangeOp;
import io.headwater.engine.spi.LogRecord;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Decodes the JSON that {@link DebeziumCapture} writes (Debezium's envelope, schemas disabled) into
 * {@link ChangeEvent}s typed by the log dataset's fields:
 * <ul>
 *   <li>{@code op} c/u/d/r → CREATE/UPDATE/DELETE/SNAPSHOT;</li>
 *   <li>INTEGER from a number → {@code Long}; DECIMAL from a string (or number) → {@code BigDecimal},
 *       scale kept; FLOAT → {@code Double}; BOOLEAN; STRING;</li>
 *   <li>TIMESTAMP from an ISO-8601 string ({@code timestamptz}) or from epoch microseconds
 *       ({@code timestamp} under {@code adaptive_time_microseconds}) → {@code Instant};</li>
 *   <li>DATE from epoch days (or an ISO date) → {@code LocalDate}; UUID from its text; BYTES from base64.</li>
 * </ul>
 * A dataset without declared fields yields every JSON field with its natural type (numbers as
 * {@code Long} or {@code BigDecimal}). {@code committedAt} is {@code source.ts_us} when present, else
 * {@code source.ts_ms}. The event id is {@code <source.lsn>:<schema.table>:<key json>}, which stays
 * the same when the record is delivered again. Tombstones (null value) decode to empty.
 *
 * <p>Thread-safe and stateless.
 */
public final class DebeziumJsonDecoder implements ChangeDecoder {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Optional<ChangeEvent> decode(LogRecord record, Dataset logDataset) {
        if (record.value() == null) {
            return Optional.empty();
        }
        JsonNode value = parse(record, record.value(), "value");
        if (value.isNull() || value.isMissingNode()) {
            return Optional.empty();
        }
        JsonNode payload = value.has("payload") && value.has("schema") ? value.get("payload") : value; // schemas enabled
        JsonNode opNode = payload.get("op");
        if (opNode == null || !opNode.isTextual()) {
            return Optional.empty(); // not a change (heartbeat, schema change)
        }
        try {
            ChangeOp op = op(opNode.asText());
            JsonNode source = payload.path("source");
            Row before = row(payload.get("before"), logDataset);
            Row after = row(payload.get("after"), logDataset);
            JsonNode keyNode = record.key() == null ? null : parse(record, record.key(), "key");
            if (keyNode != null && keyNode.has("payload") && keyNode.has("schema")) {
                keyNode = keyNode.get("payload");
            }
            Row key = key(keyNode, logDataset, after != null ? after : before);
            String table = source.path("schema").asText("") + "." + source.path("table").asText("");
            String lsn = source.hasNonNull("lsn") ? source.get("lsn").asText() : record.position().toString();
            String keyText = keyNode == null ? "null" : JSON.writeValueAsString(keyNode);
            return Optional.of(new ChangeEvent(record.position(), lsn + ":" + table + ":" + keyText, op, key, before, after,
                    committedAt(source, record)));
        } catch (IllegalArgumentException | DateTimeParseException | JsonProcessingException e) {
            throw new StoreException("log record " + record.position() + " of " + logDataset.ref()
                    + " is not a change event Headwater can read: " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(LogRecord record, byte[] bytes, String part) {
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
            return instantFromMicros(source.get("ts_us").asLong());
        }
        if (source.hasNonNull("ts_ms")) {
            return Instant.ofEpochMilli(source.get("ts_ms").asLong());
        }
        return record.timestamp();
    }

    private static Row key(JsonNode keyNode, Dataset dataset, Row image) {
        if (keyNode != null && keyNode.isObject()) {
            if (dataset.key().isEmpty() || dataset.fields().isEmpty()) {
                return naturalRow(keyNode);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            for (String k : dataset.key()) {
                FieldType type = dataset.field(k).map(Field::type).orElse(null);
                JsonNode n = keyNode.get(k);
                m.put(k, n == null ? null : type == null ? natural(n) : typed(n, type));
            }
            return Row.of(m);
        }
        if (image != null && !dataset.key().isEmpty()) {
            return image.project(dataset.key());
        }
        throw new IllegalArgumentException("the record has no key");
    }

    private static Row row(JsonNode node, Dataset dataset) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected an object but found " + node.getNodeType());
        }
        List<Field> fields = dataset.fields();
        if (fields.isEmpty()) {
            return naturalRow(node);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (Field f : fields) {
            if (node.has(f.name())) {
                m.put(f.name(), typed(node.get(f.name()), f.type()));
            }
        }
        return Row.of(m);
    }

    private static Row naturalRow(JsonNode node) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            m.put(e.getKey(), natural(e.getValue()));
        }
        return Row.of(m);
    }

    private static Object natural(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? (Object) n.asLong() : n.decimalValue();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        return n.isTextual() ? n.asText() : n.toString();
    }

    /** Converts one JSON value to the engine's Java type for {@code type}. */
    public static Object typed(JsonNode n, FieldType type) {
        if (n == null || n.isNull()) {
            return null;
        }
        return switch (type) {
            case INTEGER -> n.isNumber() ? n.asLong() : Long.parseLong(n.asText().trim());
            case DECIMAL -> new BigDecimal(n.isNumber() ? n.numberValue().toString() : n.asText().trim());
            case FLOAT -> n.isNumber() ? n.asDouble() : Double.parseDouble(n.asText().trim());
            case STRING -> n.isTextual() ? n.asText() : n.toString();
            case BOOLEAN -> n.isBoolean() ? n.asBoolean() : Boolean.parseBoolean(n.asText().trim());
            case TIMESTAMP -> n.isNumber() ? instantFromMicros(n.asLong()) : parseInstant(n.asText());
            case DATE -> n.isNumber() ? LocalDate.ofEpochDay(n.asLong()) : LocalDate.parse(n.asText().trim());
            case UUID -> UUID.fromString(n.asText().trim());
            case BYTES -> Base64.getDecoder().decode(n.asText());
        };
    }

    private static Instant instantFromMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    private static Instant parseInstant(String text) {
        String t = text.trim();
        return t.endsWith("Z") ? Instant.parse(t) : OffsetDateTime.parse(t).toInstant();
    }
}
