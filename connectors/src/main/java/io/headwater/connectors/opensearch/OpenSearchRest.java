package io.headwater.connectors.opensearch;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.headwater.engine.ConnectionException;
import io.headwater.engine.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * The REST calls of the OpenSearch connector, made through opensearch-java's generic client (the same
 * requests serve Elasticsearch), with JSON parsed by Jackson so that decimals keep every digit.
 * Failures become Headwater exceptions: an unreachable cluster a {@link ConnectionException} naming
 * host:port, a missing index or another refusal a {@link StoreException} naming the index.
 * Thread-safe.
 */
final class OpenSearchRest implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private final OpenSearchEndpoint endpoint;
    private final OpenSearchTransport transport;
    private final OpenSearchGenericClient client;

    OpenSearchRest(OpenSearchEndpoint endpoint) {
        this.endpoint = endpoint;
        HttpHost host = new HttpHost(endpoint.scheme(), endpoint.host(), endpoint.port());
        ApacheHttpClient5TransportBuilder builder = ApacheHttpClient5TransportBuilder.builder(host)
                .setRequestConfigCallback(b -> b.setResponseTimeout(Timeout.ofMinutes(2)));
        if (endpoint.user() != null && endpoint.password() != null) {
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(new AuthScope(host), new UsernamePasswordCredentials(endpoint.user(),
                    endpoint.password().reveal().toCharArray()));
            builder.setHttpClientConfigCallback(b -> b.setDefaultCredentialsProvider(credentials));
        }
        this.transport = builder.build();
        this.client = new OpenSearchClient(transport).generic();
    }

    OpenSearchEndpoint endpoint() {
        return endpoint;
    }

    /**
     * Sends one request about {@code index} and returns the parsed answer; {@code body} may be null.
     * {@code what} says what was being done, for the error message.
     */
    JsonNode call(String method, String path, Map<String, String> query, JsonNode body, String index, String what) {
        return callAllowing404(method, path, query, body, index, what)
                .orElseThrow(() -> new StoreException(describe(index) + ": " + what + " failed: not found"));
    }

    /** As {@link #call}, but a 404 that is not a missing index is an empty answer. */
    Optional<JsonNode> callAllowing404(String method, String path, Map<String, String> query, JsonNode body, String index, String what) {
        Requests.JsonBodyBuilder request = Requests.builder().method(method).endpoint(path).query(query);
        if (body != null) {
            request.json(body.toString());
        }
        return send(request, index, what);
    }

    /** Sends a {@code _bulk} request: {@code ndjson} is its body, one action (and document) a line. */
    JsonNode bulk(String ndjson, Map<String, String> query, String index, String what) {
        Requests.JsonBodyBuilder request = Requests.builder().method("POST").endpoint("/_bulk").query(query)
                .body(Body.from(ndjson.getBytes(StandardCharsets.UTF_8), "application/x-ndjson"));
        return send(request, index, what).orElseThrow(() -> new StoreException(describe(index) + ": " + what + " failed: not found"));
    }

    /** Whether {@code path} answers 200 ({@code HEAD /INDEX}: the index or alias exists); 404 is false. */
    boolean exists(String path, String index) {
        try (Response response = client.execute(Requests.builder().method("HEAD").endpoint(path).build())) {
            int status = response.getStatus();
            if (status == 200 || status == 404) {
                return status == 200;
            }
            throw new StoreException(describe(index) + ": asking whether " + path + " exists failed with HTTP " + status);
        } catch (IOException e) {
            throw new ConnectionException(endpoint.systemId(), endpoint.address(), "asking whether '" + index + "' exists: " + e, e);
        }
    }

    private Optional<JsonNode> send(Requests.JsonBodyBuilder request, String index, String what) {
        try (Response response = client.execute(request.build())) {
            JsonNode answer = parse(response);
            int status = response.getStatus();
            if (status >= 200 && status < 300) {
                return Optional.of(answer);
            }
            String type = answer.path("error").path("type").asText("");
            if (status == 404 && type.equals("index_not_found_exception")) {
                throw new StoreException(describe(index) + " does not exist");
            }
            if (status == 404 && type.isEmpty()) {
                return Optional.empty();
            }
            String reason = answer.path("error").path("reason").asText(answer.toString());
            throw new StoreException(describe(index) + ": " + what + " failed with HTTP " + status + " (" + type + "): " + reason);
        } catch (IOException e) {
            throw new ConnectionException(endpoint.systemId(), endpoint.address(), what + " on index '" + index + "': " + e, e);
        }
    }

    private JsonNode parse(Response response) throws IOException {
        Optional<Body> body = response.getBody();
        if (body.isEmpty()) {
            return JSON.createObjectNode();
        }
        try (Body b = body.get()) {
            byte[] bytes = b.bodyAsBytes();
            return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
        }
    }

    String describe(String index) {
        return "index '" + index + "' of search system '" + endpoint.systemId() + "' at " + endpoint.address();
    }

    @Override
    public void close() {
        try {
            transport.close();
        } catch (IOException e) {
            throw new ConnectionException(endpoint.systemId(), endpoint.address(), "closing the HTTP client: " + e, e);
        }
    }
}
