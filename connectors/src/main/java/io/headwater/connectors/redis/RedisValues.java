package io.headwater.connectors.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes typed values the way {@link RedisRecords} reads them back, so every logical type
 * round-trips: as text, integers and decimals in plain notation (a decimal keeps its scale),
 * timestamps as ISO-8601 instants ({@code 2024-03-01T10:15:30.123456Z}), dates as
 * {@code yyyy-MM-dd}, bytes as base64, booleans as {@code true}/{@code false}. In a JSON value,
 * integers, finite floats and booleans are JSON numbers and booleans, everything else JSON text (a
 * decimal as text keeps every digit), and null is JSON null. A hash leaves a null field out; a hash
 * whose every field is null holds only the marker field {@value #PRESENT}, since Redis keeps no
 * empty hash. Stateless and thread-safe.
 */
final class RedisValues {
    /** The field of a hash that holds no value but keeps the record (every other field is null). */
    static final String PRESENT = "__hw:present";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RedisValues() {
    }

    /** A value as text; never null ({@code value} is not null). */
    static String text(FieldType type, Object value) {
        return switch (type) {
            case DECIMAL -> ((BigDecimal) value).toPlainString();
            case BYTES -> Base64.getEncoder().encodeToString((byte[]) value);
            default -> value.toString();
        };
    }

    /** The hash of a row: every non-null value field as text, or only {@link #PRESENT} when all are null. */
    static Map<String, String> hash(Row row, List<Field> valueFields) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Field f : valueFields) {
            Object v = row.get(f.name());
            if (v != null) {
                out.put(f.name(), text(f.type(), v));
            }
        }
        if (out.isEmpty()) {
            out.put(PRESENT, "1");
        }
        return out;
    }

    /** The JSON object of a row's value fields. */
    static String json(Row row, List<Field> valueFields) {
        ObjectNode node = JSON.createObjectNode();
        for (Field f : valueFields) {
            Object v = row.get(f.name());
            if (v == null) {
                node.putNull(f.name());
            } else if (f.type() == FieldType.INTEGER) {
                node.put(f.name(), (Long) v);
            } else if (f.type() == FieldType.FLOAT && Double.isFinite((Double) v)) {
                node.put(f.name(), (Double) v);
            } else if (f.type() == FieldType.BOOLEAN) {
                node.put(f.name(), (Boolean) v);
            } else {
                node.put(f.name(), text(f.type(), v));
            }
        }
        return node.toString();
    }

    /**
     * The plain string of a row's single value field.
     *
     * @throws StoreException for a null value, which a plain string cannot tell from an empty one
     */
    static String plain(Row row, Field valueField, String redisKey) {
        Object v = row.get(valueField.name());
        if (v == null) {
            throw new StoreException("cannot write Redis key '" + redisKey + "': field '" + valueField.name() + "' is null, and layout string "
                    + "cannot hold a null (it would read back as a value); use layout hash or json for a field that may be null");
        }
        return text(valueField.type(), v);
    }
}
