package io.headwater.connectors.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.DatasetReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads an OpenSearch or Elasticsearch index or alias as a dataset, in key order, read-only.
 *
 * <p>A scan opens a point in time on the index and pages through it with {@code search_after},
 * sorted ascending on the sort fields, {@value #PAGE_SIZE} documents a page, asking only for the
 * dataset's fields in {@code _source}; the point in time is closed at the end. The sort fields are
 * the dataset's {@code key-field} when declared, else its key fields (as in an index Headwater's sink
 * created, which maps them {@code keyword} or {@code long}). Each must be a {@code keyword} or numeric
 * field with doc values of the key's type: keywords sort by UTF-8 bytes, which is the code-point order
 * of {@code KeyOrder}, and the text of a UUID sorts as the unsigned number. The key is assumed unique
 * (the document id is the record key and the sort field holds the same value), as the sorting has no
 * tie-breaker.
 *
 * <p>Values are normalised by {@link OpenSearchValues}. {@link #count()} asks {@code _count};
 * {@link #lookup} is a {@code term} query on each sort field. Nothing is ever written: the requests are
 * {@code _search}, {@code _count} and the creation and deletion of a point in time.
 * Thread-safe: each scan has its own point in time.
 */
public final class OpenSearchReader implements DatasetReader {
    static final int PAGE_SIZE = 1_000;
    private static final String KEEP_ALIVE = "5m";

    private final Dataset dataset;
    private final String index;
    private final List<String> sortFields;
    private final OpenSearchRest rest;
    private final SearchDialect dialect;
    private final SearchDocuments documents;
    private final boolean ownsRest;

    OpenSearchReader(OpenSearchRest rest, boolean ownsRest, SearchDialect dialect, Dataset dataset, String index) {
        this.dataset = dataset;
        this.index = index;
        this.sortFields = dataset.sortFieldOpt().map(List::of).orElse(dataset.key());
        if (dataset.key().isEmpty()) {
            throw new IllegalArgumentException(dataset.ref() + " has no key to scan in the order of");
        }
        this.rest = rest;
        this.ownsRest = ownsRest;
        this.dialect = dialect;
        this.documents = new SearchDocuments(rest, dataset, index);
    }

    /**
     * A reader of {@code dataset} ({@link Dataset#physicalName()}: an index or alias) in the OpenSearch
     * cluster at {@code endpoint}; opens an HTTP client that {@link #close()} closes. Nothing is
     * requested until the first read.
     */
    public OpenSearchReader(OpenSearchEndpoint endpoint, Dataset dataset) {
        this(new OpenSearchRest(endpoint), true, SearchDialect.OPENSEARCH, dataset, dataset.physicalName());
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
        String pitId = dialect.openPit(rest, index, KEEP_ALIVE);
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
            ArrayNode sort = body.putArray("sort");
            sortFields.forEach(f -> sort.addObject().putObject(f).put("order", "asc"));
            documents.sourceFilter(body);
            if (after != null) {
                body.set("search_after", after);
            }
            JsonNode answer = rest.call("POST", "/_search", Map.of(), body, index, "scanning");
            id = answer.path("pit_id").asText(id);
            JsonNode hits = answer.path("hits").path("hits");
            for (JsonNode hit : hits) {
                sink.accept(documents.toRow(hit));
                after = hit.path("sort");
            }
            if (hits.size() < PAGE_SIZE) {
                return id;
            }
        }
    }

    private void closePit(String pitId, RuntimeException failure) {
        try {
            dialect.closePit(rest, index, pitId);
        } catch (HeadwaterException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    @Override
    public Optional<Row> lookup(Row key) {
        ObjectNode body = OpenSearchRest.JSON.createObjectNode();
        body.put("size", 2);
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        for (int i = 0; i < sortFields.size(); i++) {
            String keyName = dataset.key().get(i);
            Object value = key.get(keyName);
            if (value == null) {
                throw new IllegalArgumentException("the key of " + dataset.ref() + " needs a value for " + keyName + ": " + key);
            }
            filter.addObject().putObject("term").set(sortFields.get(i), OpenSearchRest.JSON.valueToTree(SearchDocuments.termValue(value)));
        }
        documents.sourceFilter(body);
        JsonNode answer = rest.call("POST", "/" + index + "/_search", Map.of(), body, index, "looking up " + key);
        JsonNode hits = answer.path("hits").path("hits");
        if (hits.size() > 1) {
            throw new StoreException(rest.describe(index) + " holds more than one document with " + sortFields + " = " + key);
        }
        return hits.isEmpty() ? Optional.empty() : Optional.of(documents.toRow(hits.get(0)));
    }

    @Override
    public void close() {
        if (ownsRest) {
            rest.close();
        }
    }
}
