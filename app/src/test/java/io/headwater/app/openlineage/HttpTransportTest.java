package io.headwater.app.openlineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.headwater.engine.ConnectionException;
import io.headwater.engine.HeadwaterException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP transport against a small OpenLineage endpoint served in the test (JDK HttpServer). */
class HttpTransportTest {
    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();

    /** Serves the given statuses in turn, then 201. */
    private URI serve(int... statuses) throws IOException {
        AtomicInteger calls = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            paths.add(exchange.getRequestURI().getPath());
            int n = calls.getAndIncrement();
            int status = n < statuses.length ? statuses[n] : 201;
            byte[] answer = (status >= 400 ? "{\"error\":\"status " + status + "\"}" : "").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void postsToMarquezLineagePathWithTheApiKeyAsBearerToken() throws IOException {
        URI url = serve();
        HttpTransport t = new HttpTransport(url, Optional.of("s3cret"), 3, Duration.ofMillis(1));
        t.send("{\"a\":1}");
        assertThat(t.endpoint().getPath()).isEqualTo("/api/v1/lineage");
        assertThat(paths).containsExactly("/api/v1/lineage");
        assertThat(bodies).containsExactly("{\"a\":1}");
        assertThat(authorizations).containsExactly("Bearer s3cret");
    }

    @Test
    void retriesOnServerErrorsWithBackoffUntilAccepted() throws IOException {
        URI url = serve(503, 500);
        new HttpTransport(url.resolve("/custom/lineage"), Optional.empty(), 4, Duration.ofMillis(1)).send("{\"e\":2}");
        assertThat(bodies).containsExactly("{\"e\":2}", "{\"e\":2}", "{\"e\":2}");
        assertThat(paths).containsOnly("/custom/lineage");
        assertThat(authorizations).containsOnly("null");
    }

    @Test
    void givesUpAfterTheLastAttemptNamingTheStatus() throws IOException {
        URI url = serve(503, 503, 503);
        HttpTransport t = new HttpTransport(url, Optional.empty(), 3, Duration.ofMillis(1));
        assertThatThrownBy(() -> t.send("{}")).isInstanceOf(HeadwaterException.class)
                .hasMessageContaining("answered 503").hasMessageContaining("after 3 attempts");
        assertThat(bodies).hasSize(3);
    }

    @Test
    void doesNotRetryAnEventTheEndpointRefuses() throws IOException {
        URI url = serve(400);
        HttpTransport t = new HttpTransport(url, Optional.empty(), 4, Duration.ofMillis(1));
        assertThatThrownBy(() -> t.send("{}")).isInstanceOf(HeadwaterException.class).hasMessageContaining("answered 400")
                .hasMessageContaining("status 400");
        assertThat(bodies).hasSize(1);
    }

    @Test
    void reportsARefusedConnectionWithHostAndPort() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        HttpTransport t = new HttpTransport(URI.create("http://127.0.0.1:" + port), Optional.empty(), 2, Duration.ofMillis(1));
        assertThatThrownBy(() -> t.send("{}")).isInstanceOf(ConnectionException.class)
                .hasMessageContaining("127.0.0.1:" + port).hasMessageContaining("after 2 attempts");
    }
}
