package io.headwater.connectors.mvstore;

import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Brings mapped values to the Java type of their logical {@link FieldType} (an {@code Integer} to a
 * {@code Long}, an {@code OffsetDateTime} to an {@code Instant}, ...) and projects a row onto a
 * dataset's fields, so every store writes exactly the engine's value types. Shared by the Lucene,
 * MVStore and blob-store sinks. Stateless and thread-safe.
 */
public final class LogicalValues {
    private LogicalValues() {
    }

    /**
     * The row reduced to the dataset's fields, in the dataset's order, each value coerced to its
     * field's type; a field the row lacks is {@code null}.
     *
     * @throws StoreException when a value cannot stand for its field's type
     */
    public static Row conform(Row row, Dataset dataset) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field f : dataset.fields()) {
            try {
                out.put(f.name(), coerce(row.get(f.name()), f.type()));
            } catch (IllegalArgumentException e) {
                throw new StoreException("dataset " + dataset.ref() + ": field '" + f.name() + "': " + e.getMessage(), e);
            }
        }
        return Row.of(out);
    }

    /** The value as the Java type of {@code type}; {@code null} stays {@code null}. */
    public static Object coerce(Object value, FieldType type) {
        if (value == null) {
            return null;
        }
        Object v = normalise(value);
        Object result = switch (type) {
            case INTEGER -> v instanceof Long ? v : v instanceof BigDecimal d ? d.longValueExact() : null;
            case DECIMAL -> v instanceof BigDecimal ? v : v instanceof Long l ? BigDecimal.valueOf(l)
                    : v instanceof Double d ? BigDecimal.valueOf(d) : null;
            case FLOAT -> v instanceof Double ? v : v instanceof Long l ? (Object) l.doubleValue()
                    : v instanceof BigDecimal d ? (Object) d.doubleValue() : null;
            case STRING -> v instanceof String ? v : null;
            case BOOLEAN -> v instanceof Boolean ? v : null;
            case TIMESTAMP -> v instanceof Instant ? v : null;
            case DATE -> v instanceof LocalDate ? v : null;
            case UUID -> v instanceof UUID ? v : v instanceof String s ? UUID.fromString(s) : null;
            case BYTES -> v instanceof byte[] ? v : null;
        };
        if (result == null) {
            throw new IllegalArgumentException("a " + value.getClass().getSimpleName() + " cannot be a " + type.configName());
        }
        return result;
    }

    /** Maps near types to the engine's value types; leaves the engine's own types as they are. */
    public static Object normalise(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (v instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return v;
    }
}
