package io.headwater.connectors.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns search hits into rows of a dataset, and keys into what a query or a document id holds.
 * A record's key is read from {@code _source} under the key field's name, else under the dataset's
 * {@code key-field}, else from the document's {@code _id} (which sink connectors set to the record
 * key). Stateless and thread-safe.
 */
final class SearchDocuments {
    private final OpenSearchRest rest;
    private final Dataset dataset;
    private final String index;

    SearchDocuments(OpenSearchRest rest, Dataset dataset, String index) {
        this.rest = rest;
        this.dataset = dataset;
        this.index = index;
    }

    /** Asks {@code _source} for the dataset's fields only (and the key-field, where the key may live). */
    void sourceFilter(ObjectNode body) {
        ArrayNode includes = body.putObject("_source").putArray("includes");
        dataset.fieldNames().forEach(includes::add);
        dataset.sortFieldOpt().filter(f -> !dataset.fieldNames().contains(f)).ifPresent(includes::add);
    }

    Row toRow(JsonNode hit) {
        JsonNode source = hit.path("_source");
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field field : dataset.fields()) {
            JsonNode json = source.get(field.name());
            if ((json == null || json.isNull()) && dataset.key().contains(field.name())) {
                json = keyFallback(source, hit);
            }
            values.put(field.name(), value(field.name(), field.type(), json, hit));
        }
        return Row.of(values);
    }

    private JsonNode keyFallback(JsonNode source, JsonNode hit) {
        if (dataset.key().size() != 1) {
            return null;
        }
        JsonNode sortField = dataset.sortFieldOpt().map(source::get).orElse(null);
        return sortField != null && !sortField.isNull() ? sortField : hit.get("_id");
    }

    private Object value(String name, FieldType type, JsonNode json, JsonNode hit) {
        try {
            return OpenSearchValues.normalise(type, json);
        } catch (IllegalArgumentException e) {
            throw new StoreException(rest.describe(index) + ": field '" + name + "' of document '" + hit.path("_id").asText()
                    + "' cannot be read as " + type.configName() + ": " + e.getMessage(), e);
        }
    }

    /** A key value as a {@code term} query or a sort value takes it. */
    static Object termValue(Object value) {
        if (value instanceof Instant || value instanceof LocalDate) {
            return value.toString();
        }
        return value instanceof Number || value instanceof Boolean ? value : value.toString();
    }

    /**
     * The document id of a record key, as sink connectors write it with {@code key.ignore=false}: the
     * single key value as text ({@code 42}, {@code ann@x.org}, a UUID or {@code yyyy-MM-dd}); for a
     * composite key, a JSON array of the values in key order ({@code ["eu",7]}).
     */
    static String documentId(Row key, Dataset dataset) {
        if (dataset.key().size() == 1) {
            return text(key.get(dataset.key().get(0)));
        }
        ArrayNode values = OpenSearchRest.JSON.createArrayNode();
        for (String k : dataset.key()) {
            values.add(OpenSearchRest.JSON.valueToTree(termValue(key.get(k))));
        }
        return values.toString();
    }

    private static String text(Object value) {
        return value == null ? "null" : value.toString();
    }
}
