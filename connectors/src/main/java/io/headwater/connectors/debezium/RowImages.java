package io.headwater.connectors.debezium;

import com.fasterxml.jackson.databind.JsonNode;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Map.Entry;
import java.util.function.Predicate;

/**
 * Reads a row image ({@code before}, {@code after}, or a flattened row) and a record key into
 * {@link Row}s typed by a log dataset's fields, through the records' Connect schema where it is
 * written. A dataset without declared fields keeps every column with its natural type. Stateless.
 */
final class RowImages {
    private RowImages() {
    }

    /**
     * The image {@code node} as a row: the dataset's declared fields that it holds, or (with no declared fields)
     * every field whose name {@code column} accepts. Null when the node is absent or JSON null.
     *
     * @param schema the struct schema of the image; null when the record has none
     * @throws IllegalArgumentException when the node is not an object or a value does not fit its field
     */
    static Row row(JsonNode node, ConnectSchema schema, Dataset dataset, Predicate<String> column) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected an object but found " + node.getNodeType());
        }
        if (dataset.fields().isEmpty()) {
            return naturalRow(node, schema, column);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (Field f : dataset.fields()) {
            if (node.has(f.name())) {
                m.put(f.name(), ConnectValues.typed(node.get(f.name()), f.type(), ConnectSchema.field(schema, f.name())));
            }
        }
        return Row.of(m);
    }

    /**
     * The record's key: from the key's JSON object when there is one, else the dataset's key fields of
     * {@code image}.
     *
     * @param schema the key's struct schema; null when the record has none
     * @throws IllegalArgumentException when neither gives a key
     */
    static Row key(JsonNode keyNode, ConnectSchema schema, Dataset dataset, Row image) {
        if (keyNode != null && keyNode.isObject()) {
            if (dataset.key().isEmpty() || dataset.fields().isEmpty()) {
                return naturalRow(keyNode, schema, name -> true);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            for (String k : dataset.key()) {
                FieldType type = dataset.field(k).map(Field::type).orElse(null);
                JsonNode n = keyNode.get(k);
                ConnectSchema s = ConnectSchema.field(schema, k);
                m.put(k, n == null ? null : type == null ? ConnectValues.natural(n, s) : ConnectValues.typed(n, type, s));
            }
            return Row.of(m);
        }
        if (image != null && !dataset.key().isEmpty()) {
            return image.project(dataset.key());
        }
        throw new IllegalArgumentException("the record has no key");
    }

    private static Row naturalRow(JsonNode node, ConnectSchema schema, Predicate<String> column) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Entry<String, JsonNode> e : node.properties()) {
            if (column.test(e.getKey())) {
                m.put(e.getKey(), ConnectValues.natural(e.getValue(), ConnectSchema.field(schema, e.getKey())));
            }
        }
        return Row.of(m);
    }
}
