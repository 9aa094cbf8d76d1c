package io.headwater.connectors.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.DatasetReader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads an OpenSearch index or alias ({@link Dataset#physicalName()}) as a dataset, read-only.
 *
 * <p>A scan opens a point in time on the index and pages through it with {@code search_after},
 * sorted ascending on the dataset's single key field, {@value #PAGE_SIZE} documents a page, asking only
 * for the dataset's fields in {@code _source}; the point in time is closed at the end. The key field
 * must be a {@code keyword} or numeric field with doc values: keywords sort by UTF-8 bytes, which is
 * the code-point order of {@code KeyOrder}. The key is assumed unique (the document id is the record key
 * and the key field holds the same value), as the sorting has no tie-breaker.
 *
 * <p>Values are normalised by {@link OpenSearchValues}. {@link #count()} asks {@code _count};
 * {@link #lookup} is a {@code term} query on the key field. Nothing is ever written: the requests are
 * {@code _search}, {@code _count} and the creation and deletion of a point in time.
 * Thread-safe: each scan has its own point in time.
 */
public final class OpenSearchReader implements DatasetReader {
    static final int PAGE_SIZE = 1_000;
    private static final String KEEP_ALIVE = "5m";

    private final Dataset dataset;
    private final String index;
    private final Field keyField;
    private final OpenSearchRest rest;

    /**
     * A reader of {@code dataset} in the cluster at {@code endpoint}; opens an HTTP client that
     * {@link #close()} closes. Nothing is requested until the first read.
     *
     * @throws IllegalArgumentException when the dataset's key is not a single field
     */
    public OpenSearchReader(OpenSearchEndpoint endpoint, Dataset dataset) {
        if (dataset.key().size() != 1) {
            throw new IllegalArgumentException("an OpenSearch dataset is scanned in the order of one key field; "
                    + dataset.ref() + " has " + dataset.key());
        }
        this.dataset = dataset;
        this.index = dataset.physicalName();
        this.keyField = dataset.keyFields().get(0);
        this.rest = new OpenSearchRest(endpoint);
    }

    @Override
    public Dataset dataset() {
        return dataset;
    }

    @Override
    public long count() {
        JsonNode answer = rest.call("GET", "/" + index + "/_count", Map.of(), null, index, "counting documents");
        return answer.path("count").asLong();
    }

    @Override
    public void scan(Consumer<Row> sink) {
        JsonNode pit = rest.call("POST", "/" + index + "/_search/point_in_time", Map.of("keep_alive", KEEP_ALIVE), null,
                index, "opening a point in time");
        String pitId = pit.path("pit_id").asText(null);
        if (pitId == null) {
            throw new StoreException(rest.describe(index) + ": opening a point in time returned no pit_id: " + pit);
        }
        RuntimeException failure = null;
        try {
            pitId = scanPages(pitId, sink);
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            closePit(pitId, failure);
        }
    }

    /** Pages through the point in time; returns its id as last returned (it may change between pages). */
    private String scanPages(String pitId, Consumer<Row> sink) {
        JsonNode after = null;
        String id = pitId;
        while (true) {
            ObjectNode body = OpenSearchRest.JSON.createObjectNode();
            body.put("size", PAGE_SIZE);
            body.put("track_total_hits", false);
            body.putObject("pit").put("id", id).put("keep_alive", KEEP_ALIVE);
            body.putArray("sort").addObject().putObject(keyField.name()).put("order", "asc");
            sourceFilter(body);
            if (after != null) {
                body.set("search_after", after);
            }
            JsonNode answer = rest.call("POST", "/_search", Map.of(), body, index, "scanning");
            id = answer.path("pit_id").asText(id);
            JsonNode hits = answer.path("hits").path("hits");
            for (JsonNode hit : hits) {
                sink.accept(toRow(hit));
                after = hit.path("sort");
            }
            if (hits.size() < PAGE_SIZE) {
                return id;
            }
        }
    }

    private void closePit(String pitId, RuntimeException failure) {
        ObjectNode body = OpenSearchRest.JSON.createObjectNode();
        body.putArray("pit_id").add(pitId);
        try {
            rest.callAllowing404("DELETE", "/_search/point_in_time", Map.of(), body, index, "closing the point in time");
        } catch (HeadwaterException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    @Override
    public Optional<Row> lookup(Row key) {
        Object value = key.get(keyField.name());
        if (value == null) {
            throw new IllegalArgumentException("the key of " + dataset.ref() + " needs a value for " + keyField.name() + ": " + key);
        }
        ObjectNode body = OpenSearchRest.JSON.createObjectNode();
        body.put("size", 2);
        body.putObject("query").putObject("term").set(keyField.name(), OpenSearchRest.JSON.valueToTree(termValue(value)));
        sourceFilter(body);
        JsonNode answer = rest.call("POST", "/" + index + "/_search", Map.of(), body, index, "looking up " + key);
        JsonNode hits = answer.path("hits").path("hits");
        if (hits.size() > 1) {
            throw new StoreException(rest.describe(index) + " holds more than one document with " + keyField.name() + " = " + value);
        }
        return hits.isEmpty() ? Optional.empty() : Optional.of(toRow(hits.get(0)));
    }

    private static Object termValue(Object value) {
        if (value instanceof Instant || value instanceof LocalDate) {
            return value.toString();
        }
        return value instanceof Number || value instanceof Boolean ? value : value.toString();
    }

    private void sourceFilter(ObjectNode body) {
        ArrayNode includes = body.putObject("_source").putArray("includes");
        dataset.fieldNames().forEach(includes::add);
    }

    private Row toRow(JsonNode hit) {
        JsonNode source = hit.path("_source");
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field field : dataset.fields()) {
            values.put(field.name(), value(field.name(), field.type(), source.get(field.name()), hit));
        }
        return Row.of(values);
    }

    private Object value(String name, FieldType type, JsonNode json, JsonNode hit) {
        try {
            return OpenSearchValues.normalise(type, json);
        } catch (IllegalArgumentException e) {
            throw new StoreException(rest.describe(index) + ": field '" + name + "' of document '" + hit.path("_id").asText()
                    + "' cannot be read as " + type.configName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        rest.close();
    }
}
