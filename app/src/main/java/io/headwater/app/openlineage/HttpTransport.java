package io.headwater.app.openlineage;

import io.headwater.engine.ConnectionException;
import io.headwater.engine.HeadwaterException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each event to an OpenLineage HTTP endpoint (Marquez's {@code /api/v1/lineage}, which a URL
 * without a path gets), with {@code Authorization: Bearer KEY} when an API key is given. A 5xx answer
 * or a failed connection is tried again after a backoff that doubles each time; a 4xx answer is not
 * (the event would be refused again). When the attempts run out, a connection failure is reported as
 * a {@link ConnectionException} naming the endpoint's {@code host:port}. Not thread-safe.
 */
public final class HttpTransport implements EventTransport {
    /** The path Marquez receives events on. */
    public static final String LINEAGE_PATH = "/api/v1/lineage";

    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);

    private final URI endpoint;
    private final Optional<String> apiKey;
    private final int attempts;
    private final Duration firstBackoff;
    private final HttpClient client;

    /**
     * @param url          the endpoint, or a server URL without a path (then {@value #LINEAGE_PATH} is added)
     * @param apiKey       sent as a bearer token when present; never printed
     * @param attempts     how many times to try an event, at least 1
     * @param firstBackoff the wait before the second attempt; doubled before each next one
     */
    public HttpTransport(URI url, Optional<String> apiKey, int attempts, Duration firstBackoff) {
        this.endpoint = withLineagePath(url);
        this.apiKey = apiKey.filter(k -> !k.isBlank());
        this.attempts = Math.max(1, attempts);
        this.firstBackoff = firstBackoff;
        // HTTP/1.1: Marquez and most collectors speak it, and an h2c upgrade attempt costs a round trip each time.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The endpoint with Marquez's path when the URL has none. */
    static URI withLineagePath(URI url) {
        String path = url.getPath();
        return path == null || path.isEmpty() || path.equals("/") ? url.resolve(LINEAGE_PATH) : url;
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void send(String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        apiKey.ifPresent(k -> request.header("Authorization", "Bearer " + k));
        Duration backoff = firstBackoff;
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt == attempts;
            try {
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return;
                }
                String answer = "OpenLineage endpoint " + endpoint + " answered " + status + ": " + abbreviate(response.body());
                if (status < 500 || last) {
                    throw new HeadwaterException(answer + (status >= 500 ? " (after " + attempts + " attempts)" : ""));
                }
                LOG.warn("{}; trying again in {} ms", answer, backoff.toMillis());
            } catch (IOException e) {
                String problem = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
                if (last) {
                    throw new ConnectionException("openlineage", hostPort(), problem + " (after " + attempts + " attempts, POST " + endpoint + ")", e);
                }
                LOG.warn("OpenLineage endpoint {} unreachable ({}); trying again in {} ms", hostPort(), problem, backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HeadwaterException("interrupted while sending an OpenLineage event to " + endpoint, e);
            }
            pause(backoff);
            backoff = backoff.multipliedBy(2);
        }
    }

    private String hostPort() {
        int port = endpoint.getPort() >= 0 ? endpoint.getPort() : "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
        return endpoint.getHost() + ":" + port;
    }

    private static String abbreviate(String body) {
        String b = body == null ? "" : body.replaceAll("\\s+", " ").trim();
        return b.isEmpty() ? "(no body)" : b.length() > 200 ? b.substring(0, 200) + "…" : b;
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HeadwaterException("interrupted while waiting to resend an OpenLineage event", e);
        }
    }

    @Override
    public String describe() {
        return endpoint.toString();
    }

    @Override
    public void close() {
        // java.net.http.HttpClient has no close() before Java 21: its connections end with it.
    }
}
