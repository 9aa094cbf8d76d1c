package io.headwater.connectors.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headwater.engine.ConnectionException;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.discover.ConnectorSnapshot;
import io.headwater.engine.discover.ConnectorState;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Kafka Connect cluster through its REST API with GET requests only:
 * {@code GET /connectors?expand=info&expand=status} for every connector's configuration, type, state and
 * tasks, and {@code GET /connectors/NAME/topics} for the topics it has used (where the worker tracks
 * them). A failure names the URL and, for an answer that is not 200, the HTTP status and the start of
 * the body. Thread-safe.
 */
public final class ConnectRestClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int BODY_IN_MESSAGE = 300;

    private final String baseUrl;
    private final HttpClient http;

    /** @param baseUrl the REST API's base URL, e.g. {@code http://connect:8083} */
    public ConnectRestClient(String baseUrl) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Every connector of the cluster, in name order, with its configuration, state, tasks and tracked topics. */
    public List<ConnectorSnapshot> connectors() {
        JsonNode all = get("/connectors?expand=info&expand=status");
        if (!all.isObject()) {
            throw new HeadwaterException("Kafka Connect at " + baseUrl + " answered GET /connectors?expand=info&expand=status with "
                    + all.getNodeType() + ", not an object of connectors: is this a Kafka Connect REST API?");
        }
        List<String> names = new ArrayList<>();
        all.fieldNames().forEachRemaining(names::add);
        names.sort(String::compareTo);
        List<ConnectorSnapshot> out = new ArrayList<>();
        for (String name : names) {
            JsonNode c = all.get(name);
            JsonNode info = c.path("info");
            Map<String, String> config = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = info.path("config").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                config.put(e.getKey(), e.getValue().asText());
            }
            String type = info.path("type").asText(c.path("status").path("type").asText("unknown"));
            out.add(new ConnectorSnapshot(name, type, config, state(c.path("status")), topics(name)));
        }
        return out;
    }

    /** The state of one connector and its tasks ({@code GET /connectors/NAME/status}). */
    public ConnectorState state(String connector) {
        return state(get("/connectors/" + encode(connector) + "/status"));
    }

    /** Like {@link #state(String)}, but a connector the cluster does not have (404) is {@code UNKNOWN}, saying so in its trace. */
    public ConnectorState stateOrUnknown(String connector) {
        String path = "/connectors/" + encode(connector) + "/status";
        Response r = send(path);
        if (r.status() == 404) {
            return new ConnectorState("UNKNOWN", "", "Kafka Connect at " + baseUrl + " has no connector " + connector, List.of());
        }
        if (r.status() != 200) {
            throw new HeadwaterException("Kafka Connect at " + baseUrl + " answered GET " + path + " with HTTP " + r.status()
                    + (r.body().isBlank() ? "" : ": " + abbreviate(r.body())));
        }
        return state(parse(r, path));
    }

    static ConnectorState state(JsonNode status) {
        if (status.isMissingNode() || status.isNull()) {
            return ConnectorState.UNKNOWN;
        }
        JsonNode c = status.path("connector");
        List<ConnectorState.TaskState> tasks = new ArrayList<>();
        for (JsonNode t : status.path("tasks")) {
            tasks.add(new ConnectorState.TaskState(t.path("id").asInt(), t.path("state").asText(), t.path("worker_id").asText(),
                    t.path("trace").asText("")));
        }
        tasks.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return new ConnectorState(c.path("state").asText(), c.path("worker_id").asText(), c.path("trace").asText(""), tasks);
    }

    /** The topics a connector used, or an empty list where the worker does not track topics. */
    private List<String> topics(String connector) {
        Response r = send("/connectors/" + encode(connector) + "/topics");
        if (r.status() != 200) {
            return List.of(); // topic tracking is off (or not in this worker's version): topics come from the config alone
        }
        List<String> topics = new ArrayList<>();
        parse(r, "/connectors/" + connector + "/topics").path(connector).path("topics").forEach(t -> topics.add(t.asText()));
        return topics;
    }

    private JsonNode get(String path) {
        Response r = send(path);
        if (r.status() != 200) {
            throw new HeadwaterException("Kafka Connect at " + baseUrl + " answered GET " + path + " with HTTP " + r.status()
                    + (r.body().isBlank() ? "" : ": " + abbreviate(r.body())));
        }
        return parse(r, path);
    }

    private JsonNode parse(Response r, String path) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new HeadwaterException("Kafka Connect at " + baseUrl + " answered GET " + path + " with something that is not JSON: "
                    + abbreviate(r.body()), e);
        }
    }

    private Response send(String path) {
        URI uri;
        try {
            uri = URI.create(baseUrl + path);
        } catch (IllegalArgumentException e) {
            throw new HeadwaterException("'" + baseUrl + "' is not a URL of a Kafka Connect REST API: " + e.getMessage(), e);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json").GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new ConnectionException("kafka-connect", baseUrl, "GET " + path + " failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HeadwaterException("interrupted while asking Kafka Connect at " + baseUrl, e);
        }
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String body) {
        String b = body.strip().replaceAll("\\s+", " ");
        return b.length() <= BODY_IN_MESSAGE ? b : b.substring(0, BODY_IN_MESSAGE) + "...";
    }

    private record Response(int status, String body) {
    }
}
