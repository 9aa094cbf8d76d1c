package io.headwater.engine.discover;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads host, port, database and credentials out of the URLs connectors are configured with. */
final class Endpoints {
    private Endpoints() {
    }

    /**
     * A URL taken apart.
     *
     * @param scheme   {@code postgresql}, {@code mysql}, {@code http}, {@code redis}, ...
     * @param host     the host
     * @param port     the port, or -1 when the URL has none
     * @param path     the path without its leading slash (a database), or an empty string
     * @param user     the user in the URL or its query ({@code user=}), or null
     * @param password whether the URL carries a password (never kept)
     */
    record Url(String scheme, String host, int port, String path, String user, boolean password) {
        int portOr(int otherwise) {
            return port < 0 ? otherwise : port;
        }
    }

    /** {@code jdbc:postgresql://host:port/db?user=u&password=p}; empty for URLs of another form (Oracle's, SQL Server's). */
    static Optional<Url> jdbc(String url) {
        if (!url.startsWith("jdbc:")) {
            return Optional.empty();
        }
        return parse(url.substring("jdbc:".length()));
    }

    /** {@code http://host:port}, {@code redis://user:password@host:port/0}; a URL without a scheme is read as http. */
    static Optional<Url> parse(String url) {
        String u = url.contains("://") ? url : "http://" + url;
        try {
            URI uri = new URI(u);
            if (uri.getHost() == null) {
                return Optional.empty();
            }
            Map<String, String> query = query(uri.getRawQuery());
            String user = query.get("user");
            boolean password = query.containsKey("password");
            if (uri.getRawUserInfo() != null) {
                String[] info = uri.getRawUserInfo().split(":", 2);
                user = info[0].isEmpty() ? null : info[0];
                password = info.length == 2;
            }
            String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
            return Optional.of(new Url(uri.getScheme().toLowerCase(Locale.ROOT), uri.getHost(), uri.getPort(), path, user, password));
        } catch (URISyntaxException e) {
            return Optional.empty(); // the caller lists the connector as not understood, naming the URL's key
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(kv[0], kv.length == 2 ? kv[1] : "");
        }
        return out;
    }

    /** {@code host:port} of a {@code host:port} or {@code host} entry, with {@code defaultPort} for a bare host. */
    static String hostPort(String entry, int defaultPort) {
        String e = entry.trim();
        return e.matches(".*:\\d+") ? e : e + ":" + defaultPort;
    }
}
