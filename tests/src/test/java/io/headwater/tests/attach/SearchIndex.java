package io.headwater.tests.attach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OpenSearch index of customers that the user's sink connector keeps: a {@code long} key field
 * with doc values, {@code _id} the record key, written with plain JDK HTTP requests.
 */
final class SearchIndex {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    final String name;
    int port;

    SearchIndex(String name) {
        this.name = name;
    }

    void fill(List<Map<String, Object>> customers) throws IOException, InterruptedException {
        send("PUT", "/" + name, """
                {"mappings": {"properties": {"id": {"type": "long"}, "name": {"type": "text"},
                 "email": {"type": "keyword"}, "country": {"type": "keyword"}}}}""");
        StringBuilder bulk = new StringBuilder();
        for (Map<String, Object> c : customers) {
            bulk.append("{\"index\":{\"_id\":\"").append(c.get("id")).append("\"}}\n");
            ObjectNode doc = JSON.createObjectNode().put("id", (Integer) c.get("id")).put("name", c.get("name").toString())
                    .put("email", c.get("email").toString()).put("country", c.get("country").toString());
            bulk.append(doc).append('\n');
        }
        JsonNode answer = send("POST", "/" + name + "/_bulk?refresh=true", bulk.toString());
        if (answer.path("errors").asBoolean()) {
            throw new AssertionError("bulk into " + name + " failed: " + answer);
        }
    }

    /** Changes one field of one document, as a faulty writer would. */
    void damage(int id, String field, String value) throws IOException, InterruptedException {
        send("POST", "/" + name + "/_update/" + id + "?refresh=true", JSON.createObjectNode().set("doc",
                JSON.createObjectNode().put(field, value)).toString());
    }

    /** The node's indexes (system ones aside) and every document of this index with its {@code _id}, in key order. */
    List<String> contents() throws IOException, InterruptedException {
        List<String> contents = new ArrayList<>();
        for (JsonNode i : send("GET", "/_cat/indices?format=json&h=index", null)) {
            if (!i.path("index").asText().startsWith(".")) {
                contents.add("index " + i.path("index").asText());
            }
        }
        contents.sort(null);
        JsonNode hits = send("POST", "/" + name + "/_search", "{\"size\": 1000, \"sort\": [{\"id\": \"asc\"}]}").path("hits").path("hits");
        for (JsonNode h : hits) {
            contents.add(h.path("_id").asText() + " " + h.path("_source"));
        }
        return contents;
    }

    private JsonNode send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", path.contains("/_bulk") ? "application/x-ndjson" : "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
