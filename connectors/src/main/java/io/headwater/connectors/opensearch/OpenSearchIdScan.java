package io.headwater.connectors.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headwater.connectors.verify.UnorderedSource;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Row;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads an index whose documents have no sortable key field (no {@code key-field} declared) in index
 * order, for {@code SortedSpill} to put in key order: a scroll sorted on {@code _doc}, the cheapest
 * order there is, {@value #PAGE_SIZE} documents a page, with only the dataset's fields in
 * {@code _source}. Sorting on {@code _id} itself is not used: Elasticsearch refuses field data on
 * {@code _id} by default, and OpenSearch builds it in heap. The scroll is the same request in
 * OpenSearch and Elasticsearch and is cleared at the end. A lookup is an {@code ids} query on the
 * record key as document id. Read-only; thread-safe (each scan has its own scroll).
 */
final class OpenSearchIdScan implements UnorderedSource {
    static final int PAGE_SIZE = 1_000;
    private static final String KEEP_ALIVE = "5m";

    private final OpenSearchRest rest;
    private final Dataset dataset;
    private final String index;
    private final SearchDocuments documents;

    OpenSearchIdScan(OpenSearchRest rest, Dataset dataset) {
        this.rest = rest;
        this.dataset = dataset;
        this.index = dataset.physicalName();
        this.documents = new SearchDocuments(rest, dataset, index);
    }

    @Override
    public Dataset dataset() {
        return dataset;
    }

    @Override
    public void scanUnordered(Consumer<Row> sink) {
        ObjectNode body = OpenSearchRest.JSON.createObjectNode();
        body.put("size", PAGE_SIZE);
        body.putArray("sort").add("_doc");
        documents.sourceFilter(body);
        JsonNode answer = rest.call("POST", "/" + index + "/_search", Map.of("scroll", KEEP_ALIVE), body, index, "scanning by _id");
        String scrollId = answer.path("_scroll_id").asText(null);
        RuntimeException failure = null;
        try {
            while (true) {
                JsonNode hits = answer.path("hits").path("hits");
                for (JsonNode hit : hits) {
                    sink.accept(documents.toRow(hit));
                }
                if (hits.isEmpty() || scrollId == null) {
                    return;
                }
                ObjectNode next = OpenSearchRest.JSON.createObjectNode().put("scroll", KEEP_ALIVE).put("scroll_id", scrollId);
                answer = rest.call("POST", "/_search/scroll", Map.of(), next, index, "scanning by _id");
                scrollId = answer.path("_scroll_id").asText(scrollId);
            }
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            clearScroll(scrollId, failure);
        }
    }

    private void clearScroll(String scrollId, RuntimeException failure) {
        if (scrollId == null) {
            return;
        }
        ObjectNode body = OpenSearchRest.JSON.createObjectNode();
        body.putArray("scroll_id").add(scrollId);
        try {
            rest.callAllowing404("DELETE", "/_search/scroll", Map.of(), body, index, "clearing the scroll");
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
        body.putObject("query").putObject("ids").putArray("values").add(SearchDocuments.documentId(key, dataset));
        documents.sourceFilter(body);
        JsonNode hits = rest.call("POST", "/" + index + "/_search", Map.of(), body, index, "looking up " + key).path("hits").path("hits");
        return hits.isEmpty() ? Optional.empty() : Optional.of(documents.toRow(hits.get(0)));
    }

    @Override
    public void close() {
        rest.close();
    }
}
