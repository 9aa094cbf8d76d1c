package io.headwater.connectors.debezium;

import com.fasterxml.jackson.databind.JsonNode;
import io.headwater.engine.model.FieldType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

/**
 * Converts one JSON value of a change record to the engine's Java type. Where the record carries
 * its Connect schema, the logical type decides how the JSON is read, exactly:
 * <ul>
 *   <li>{@code org.apache.kafka.connect.data.Decimal}: base64 of the unscaled two's-complement bytes,
 *       with the {@code scale} parameter (or a number, under JsonConverter's {@code decimal.format=NUMERIC});
 *       {@code io.debezium.data.VariableScaleDecimal}: a struct of {@code scale} and {@code value};</li>
 *   <li>{@code io.debezium.time.Timestamp}/{@code MicroTimestamp}/{@code NanoTimestamp} and Connect's
 *       {@code Timestamp}: epoch milli-, micro- or nanoseconds; {@code io.debezium.time.ZonedTimestamp}:
 *       ISO-8601 text with an offset;</li>
 *   <li>{@code io.debezium.time.Date} and Connect's {@code Date}: epoch days; {@code io.debezium.data.Uuid}: text.</li>
 * </ul>
 * Without a schema (or without a logical type) a value is read by the field's declared type alone,
 * as {@link DebeziumJsonDecoder#typed} documents. Stateless.
 */
final class ConnectValues {
    static final String DECIMAL = "org.apache.kafka.connect.data.Decimal";
    static final String VARIABLE_SCALE_DECIMAL = "io.debezium.data.VariableScaleDecimal";

    private ConnectValues() {
    }

    /** {@code n} as a value of {@code type}, read through {@code schema} when it has a logical type (schema may be null). */
    static Object typed(JsonNode n, FieldType type, ConnectSchema schema) {
        if (n == null || n.isNull()) {
            return null;
        }
        Object logical = logical(n, schema);
        return logical == null ? typed(n, type) : coerce(logical, type, schema.name());
    }

    /** {@code n} with the type its schema gives it, or its JSON type when there is no logical type (schema may be null). */
    static Object natural(JsonNode n, ConnectSchema schema) {
        if (n == null || n.isNull()) {
            return null;
        }
        Object logical = logical(n, schema);
        if (logical != null) {
            return logical;
        }
        if (schema != null && schema.type().equals("bytes") && n.isTextual()) {
            return Base64.getDecoder().decode(n.asText());
        }
        return natural(n);
    }

    /** {@code n} by its JSON type: integral numbers as {@code Long} (or {@code BigDecimal} when too large), others as double. */
    static Object natural(JsonNode n) {
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

    /** {@code n} as a value of {@code type} with no schema to go by. */
    static Object typed(JsonNode n, FieldType type) {
        if (n == null || n.isNull()) {
            return null;
        }
        return switch (type) {
            case INTEGER -> n.isNumber() ? n.asLong() : Long.parseLong(n.asText().trim());
            case DECIMAL -> n.isNumber() ? new BigDecimal(n.numberValue().toString()) : decimalText(n.asText());
            case FLOAT -> n.isNumber() ? n.asDouble() : Double.parseDouble(n.asText().trim());
            case STRING -> n.isTextual() ? n.asText() : n.toString();
            case BOOLEAN -> n.isBoolean() ? n.asBoolean() : Boolean.parseBoolean(n.asText().trim());
            case TIMESTAMP -> n.isNumber() ? instantFromMicros(n.asLong()) : parseInstant(n.asText());
            case DATE -> n.isNumber() ? LocalDate.ofEpochDay(n.asLong()) : LocalDate.parse(n.asText().trim());
            case UUID -> UUID.fromString(n.asText().trim());
            case BYTES -> Base64.getDecoder().decode(n.asText());
        };
    }

    private static BigDecimal decimalText(String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a decimal; if it is a Decimal's base64 bytes, the record was written"
                    + " without its schema (JsonConverter schemas.enable=false), which leaves out the scale: set the connector's"
                    + " decimal.handling.mode=string, or enable schemas", e);
        }
    }

    /** The value of a logical type; null when the schema has none this class knows. */
    private static Object logical(JsonNode n, ConnectSchema schema) {
        if (schema == null || schema.name() == null) {
            return null;
        }
        return switch (schema.name()) {
            case DECIMAL -> decimal(n, schema);
            case VARIABLE_SCALE_DECIMAL -> new BigDecimal(new BigInteger(Base64.getDecoder().decode(n.path("value").asText())),
                    n.path("scale").asInt());
            case "io.debezium.time.Timestamp", "org.apache.kafka.connect.data.Timestamp" -> Instant.ofEpochMilli(number(n, schema));
            case "io.debezium.time.MicroTimestamp" -> instantFromMicros(number(n, schema));
            case "io.debezium.time.NanoTimestamp" -> Instant.ofEpochSecond(Math.floorDiv(number(n, schema), 1_000_000_000L),
                    Math.floorMod(number(n, schema), 1_000_000_000L));
            case "io.debezium.time.ZonedTimestamp" -> parseInstant(n.asText());
            case "io.debezium.time.Date", "org.apache.kafka.connect.data.Date" -> LocalDate.ofEpochDay(number(n, schema));
            case "io.debezium.data.Uuid" -> UUID.fromString(n.asText().trim());
            default -> null;
        };
    }

    private static BigDecimal decimal(JsonNode n, ConnectSchema schema) {
        if (n.isNumber()) {
            return new BigDecimal(n.numberValue().toString()); // JsonConverter decimal.format=NUMERIC
        }
        String scale = schema.parameters().get("scale");
        if (scale == null) {
            throw new IllegalArgumentException("a " + DECIMAL + " schema without a 'scale' parameter");
        }
        return new BigDecimal(new BigInteger(Base64.getDecoder().decode(n.asText())), Integer.parseInt(scale.trim()));
    }

    private static long number(JsonNode n, ConnectSchema schema) {
        if (!n.isIntegralNumber()) {
            throw new IllegalArgumentException("a " + schema.name() + " must be a whole number, not " + n);
        }
        return n.asLong();
    }

    /** A logical value as a value of the declared type, where the conversion loses nothing. */
    private static Object coerce(Object v, FieldType type, String logicalName) {
        Object out = switch (type) {
            case STRING -> v instanceof BigDecimal d ? d.toPlainString() : v instanceof byte[] ? null : v.toString();
            case DECIMAL -> v instanceof BigDecimal ? v : null;
            case FLOAT -> v instanceof BigDecimal d ? d.doubleValue() : null;
            case INTEGER -> v instanceof BigDecimal d ? d.longValueExact() : null;
            case TIMESTAMP -> v instanceof Instant ? v : v instanceof LocalDate d ? d.atStartOfDay().toInstant(ZoneOffset.UTC) : null;
            case DATE -> v instanceof LocalDate ? v : null;
            case UUID -> v instanceof UUID ? v : null;
            case BOOLEAN, BYTES -> null;
        };
        if (out == null) {
            throw new IllegalArgumentException("a " + logicalName + " value cannot be read as " + type.configName());
        }
        return out;
    }

    static Instant instantFromMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    private static Instant parseInstant(String text) {
        String t = text.trim();
        return t.endsWith("Z") ? Instant.parse(t) : OffsetDateTime.parse(t).toInstant();
    }
}
