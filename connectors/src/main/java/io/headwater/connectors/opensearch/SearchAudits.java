package io.headwater.connectors.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headwater.engine.model.Dataset;
import java.time.Instant;
import java.util.Map;

/**
 * What the audit probes ask a search index directly instead of reading every document: the ages of
 * its records by a timestamp field (a {@code min} aggregation for the oldest, a {@code range} filter
 * for those past a cut-off, a {@code missing} count), and how many documents hold a value in a field
 * (a {@code term} count). Both need the field indexed as the mapping Headwater's sink creates it
 * ({@code date}, {@code keyword}, numeric); when the index refuses the query the caller falls back to
 * a scan. Read-only; each call opens and closes its own HTTP client. Thread-safe.
 */
public final class SearchAudits {
    private final OpenSearchEndpoint endpoint;

    public SearchAudits(OpenSearchEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * The ages of the documents of {@code dataset} by {@code field}.
     *
     * @param records  documents in all
     * @param past     documents whose field is before the cut-off
     * @param unknown  documents without the field
     * @param oldest   the smallest value of the field; null when no document has one
     */
    public record Ages(long records, long past, long unknown, Instant oldest) {
    }

    /** The ages of {@code dataset}'s documents by {@code field}, against {@code cutoff}. */
    public Ages ages(Dataset dataset, String field, Instant cutoff) {
        String index = dataset.physicalName();
        ObjectNode body = OpenSearchRest.JSON.createObjectNode();
        body.put("size", 0);
        body.put("track_total_hits", true);
        ObjectNode aggs = body.putObject("aggs");
        aggs.putObject("oldest").putObject("min").put("field", field);
        aggs.putObject("missing").putObject("missing").put("field", field);
        aggs.putObject("past").putObject("filter").putObject("range").putObject(field).put("lt", cutoff.toEpochMilli()).put("format", "epoch_millis");
        try (OpenSearchRest rest = new OpenSearchRest(endpoint)) {
            JsonNode answer = rest.call("POST", "/" + index + "/_search", Map.of(), body, index, "reading the ages of its documents by " + field);
            JsonNode a = answer.path("aggregations");
            JsonNode min = a.path("oldest").path("value");
            Instant oldest = min.isNumber() ? Instant.ofEpochMilli(min.asLong()) : null;
            return new Ages(answer.path("hits").path("total").path("value").asLong(), a.path("past").path("doc_count").asLong(),
                    a.path("missing").path("doc_count").asLong(), oldest);
        }
    }

    /** How many documents of {@code dataset} hold exactly {@code value} in {@code field}. */
    public long countEqual(Dataset dataset, String field, Object value) {
        String index = dataset.physicalName();
        ObjectNode body = OpenSearchRest.JSON.createObjectNode();
        body.putObject("query").putObject("term").set(field, OpenSearchRest.JSON.valueToTree(SearchDocuments.termValue(value)));
        try (OpenSearchRest rest = new OpenSearchRest(endpoint)) {
            return rest.call("POST", "/" + index + "/_count", Map.of(), body, index, "counting documents with " + field + " = " + value)
                    .path("count").asLong();
        }
    }
}
