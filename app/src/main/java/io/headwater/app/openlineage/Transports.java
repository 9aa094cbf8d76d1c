package io.headwater.app.openlineage;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Opens the transport a command line names: an {@code http(s)://} URL, {@code -} for the console, else a file. */
public final class Transports {
    /** The environment variable the API key is read from by default, as OpenLineage's own clients read it. */
    public static final String API_KEY_VARIABLE = "OPENLINEAGE_API_KEY";

    private Transports() {
    }

    /**
     * @param target      a URL, {@code -}, or a file path (appended to when {@code append})
     * @param apiKeyVar   the environment variable holding the endpoint's API key
     */
    public static EventTransport open(String target, PrintWriter console, Map<String, String> environment, String apiKeyVar, boolean append) {
        if (target == null || target.equals("-")) {
            return new ConsoleTransport(console);
        }
        if (target.startsWith("http://") || target.startsWith("https://")) {
            return http(URI.create(target), Optional.ofNullable(environment.get(apiKeyVar == null ? API_KEY_VARIABLE : apiKeyVar)));
        }
        return new FileTransport(Path.of(target), append);
    }

    /** An HTTP transport with the defaults: 4 attempts, 250 ms then doubling. */
    public static HttpTransport http(URI url, Optional<String> apiKey) {
        return new HttpTransport(url, apiKey, 4, Duration.ofMillis(250));
    }
}
