package io.headwater.connectors.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.SystemKind;
import java.util.Map;

/**
 * Where the REST APIs of OpenSearch and Elasticsearch differ for what Headwater asks: opening and
 * closing a point in time. OpenSearch opens one with {@code POST /INDEX/_search/point_in_time} and
 * answers {@code pit_id}, and closes it with {@code DELETE /_search/point_in_time {"pit_id": [id]}};
 * Elasticsearch opens one with {@code POST /INDEX/_pit} and answers {@code id}, and closes it with
 * {@code DELETE /_pit {"id": id}}. Searching in a point in time ({@code "pit": {"id": …}}, the answer's
 * {@code pit_id}), {@code search_after}, scrolls, {@code _bulk}, {@code _count}, mappings with
 * {@code _meta} and {@code _aliases} are the same in both. Stateless.
 */
public enum SearchDialect {
    OPENSEARCH("/_search/point_in_time", "pit_id"),
    ELASTICSEARCH("/_pit", "id");

    private final String pitPath;
    private final String pitIdField;

    SearchDialect(String pitPath, String pitIdField) {
        this.pitPath = pitPath;
        this.pitIdField = pitIdField;
    }

    /** The dialect of a system kind. */
    public static SearchDialect of(SystemKind kind) {
        return switch (kind) {
            case OPENSEARCH -> OPENSEARCH;
            case ELASTICSEARCH -> ELASTICSEARCH;
            default -> throw new IllegalArgumentException(kind.configName() + " is not a search index");
        };
    }

    /** Opens a point in time on {@code index}, kept alive for {@code keepAlive}; returns its id. */
    String openPit(OpenSearchRest rest, String index, String keepAlive) {
        JsonNode answer = rest.call("POST", "/" + index + pitPath, Map.of("keep_alive", keepAlive), null, index, "opening a point in time");
        String id = answer.path(pitIdField).asText(null);
        if (id == null) {
            throw new StoreException(rest.describe(index) + ": opening a point in time returned no " + pitIdField + ": " + answer);
        }
        return id;
    }

    /** Closes the point in time {@code id}; one already gone is fine. */
    void closePit(OpenSearchRest rest, String index, String id) {
        ObjectNode body = OpenSearchRest.JSON.createObjectNode();
        if (this == OPENSEARCH) {
            body.putArray("pit_id").add(id);
        } else {
            body.put("id", id);
        }
        rest.callAllowing404("DELETE", pitPath, Map.of(), body, index, "closing the point in time");
    }
}
