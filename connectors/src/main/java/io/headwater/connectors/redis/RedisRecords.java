package io.headwater.connectors.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.headwater.connectors.debezium.DebeziumJsonDecoder;
import io.headwater.connectors.mvstore.LogicalValues;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.RedisKeyspace;
import io.headwater.engine.model.RedisLayout;
import io.headwater.engine.model.Row;
import java.io.IOException;
import java.time.DateTimeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the Redis keys and values of one dataset into typed {@link Row}s: the record key from the
 * rest of the Redis key after the prefix, read as the key field's type; the other fields from a
 * hash's fields, a JSON object's members, or a plain string (the single non-key field). Values
 * written as text are read as the config's logical types (timestamps as ISO-8601, dates as
 * {@code yyyy-MM-dd}, bytes as base64); in JSON, numbers are taken as numbers, a timestamp number
 * as microseconds since the epoch, as everywhere else in the connectors. A field that is absent is
 * null. Thread-safe.
 */
final class RedisRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Dataset dataset;
    private final RedisKeyspace keyspace;
    private final Field keyField;
    private final List<Field> valueFields;
    private final String address;

    RedisRecords(Dataset dataset, String address) {
        this.dataset = dataset;
        this.address = address;
        this.keyspace = dataset.redisKeyspace().orElseThrow(() -> new HeadwaterException("dataset " + dataset.ref()
                + " has no layout and key-prefix, which a redis dataset needs"));
        if (dataset.key().size() != 1) {
            throw new HeadwaterException("dataset " + dataset.ref() + " has a composite key " + dataset.key()
                    + "; a redis dataset's key is the rest of its Redis key, so it must be one field");
        }
        this.keyField = dataset.keyFields().get(0);
        this.valueFields = dataset.fields().stream().filter(f -> !f.name().equals(keyField.name())).toList();
        if (keyspace.layout() == RedisLayout.STRING && valueFields.size() != 1) {
            throw new HeadwaterException("dataset " + dataset.ref() + " has layout string, which holds one value, but has "
                    + valueFields.size() + " fields besides its key " + valueFields.stream().map(Field::name).toList());
        }
    }

    RedisKeyspace keyspace() {
        return keyspace;
    }

    Field keyField() {
        return keyField;
    }

    /** The SCAN pattern of the dataset's keys: the prefix with glob characters escaped, then {@code *}. */
    String pattern() {
        return RedisNames.of(keyspace).everyKeyPattern();
    }

    /** The fields besides the key, in the dataset's order. */
    List<Field> valueFields() {
        return valueFields;
    }

    /** The record key of a Redis key of this dataset, as the key field's type. */
    Object recordKey(String redisKey) {
        String text = redisKey.substring(keyspace.keyPrefix().length());
        try {
            return typed(keyField.type(), text);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new StoreException("Redis key '" + redisKey + "' of dataset " + dataset.ref() + " at " + address + ": '" + text
                    + "' after the prefix '" + keyspace.keyPrefix() + "' is not a " + keyField.type().configName() + " key", e);
        }
    }

    /** The Redis key of the record whose key is {@code key} (a row holding the key field). */
    String redisKey(Row key) {
        Object v = key.get(keyField.name());
        if (v == null) {
            throw new IllegalArgumentException("the key " + key + " has no value for " + keyField.name());
        }
        Object typed;
        try {
            typed = LogicalValues.coerce(v, keyField.type());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new StoreException("dataset " + dataset.ref() + ": key " + key + " is not a " + keyField.type().configName() + " key", e);
        }
        return keyspace.redisKey(RedisValues.text(keyField.type(), typed));
    }

    /** The row of a hash; null when the hash is gone (an empty answer: Redis keeps no empty hash). */
    Row fromHash(String redisKey, Map<String, String> hash) {
        if (hash == null || hash.isEmpty()) {
            return null;
        }
        Map<String, Object> values = start(redisKey);
        for (Field f : valueFields) {
            String text = hash.get(f.name());
            values.put(f.name(), text == null ? null : decode(redisKey, f, () -> typed(f.type(), text), text));
        }
        return Row.of(values);
    }

    /** The row of a string value in the dataset's layout (json or string); null when the key is gone. */
    Row fromString(String redisKey, String value) {
        if (value == null) {
            return null;
        }
        Map<String, Object> values = start(redisKey);
        if (keyspace.layout() == RedisLayout.STRING) {
            Field f = valueFields.get(0);
            values.put(f.name(), decode(redisKey, f, () -> typed(f.type(), value), value));
            return Row.of(values);
        }
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (IOException e) {
            throw unreadable(redisKey, "its value is not JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw unreadable(redisKey, "its value is not a JSON object", null);
        }
        for (Field f : valueFields) {
            JsonNode n = node.get(f.name());
            values.put(f.name(), n == null ? null : decode(redisKey, f, () -> DebeziumJsonDecoder.typed(n, f.type()), n.toString()));
        }
        return Row.of(values);
    }

    private Map<String, Object> start(String redisKey) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : dataset.fields()) {
            values.put(f.name(), null);
        }
        values.put(keyField.name(), recordKey(redisKey));
        return values;
    }

    private interface Decoding {
        Object get();
    }

    private Object decode(String redisKey, Field f, Decoding decoding, String raw) {
        try {
            return decoding.get();
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw unreadable(redisKey, "field '" + f.name() + "' " + raw + " is not a " + f.type().configName() + " (" + e.getMessage() + ")", e);
        }
    }

    private StoreException unreadable(String redisKey, String why, Exception cause) {
        return new StoreException("cannot read Redis key '" + redisKey + "' of dataset " + dataset.ref() + " at " + address + ": " + why, cause);
    }

    /** A value written as text, as a value of {@code type}. */
    static Object typed(FieldType type, String text) {
        return DebeziumJsonDecoder.typed(TextNode.valueOf(text), type);
    }
}
