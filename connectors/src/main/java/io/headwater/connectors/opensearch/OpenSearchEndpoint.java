package io.headwater.connectors.opensearch;

import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Secret;
import io.headwater.engine.model.SystemSpec;
import java.util.Objects;

/**
 * Where an OpenSearch (or Elasticsearch) cluster answers HTTP, and the pipeline's name for it.
 *
 * @param systemId the pipeline's id of the system, for error messages
 * @param host     a host name or address
 * @param port     the HTTP port
 * @param scheme   {@code http} or {@code https}
 * @param user     the user of HTTP basic authentication; null for none
 * @param password the user's password; null for none
 */
public record OpenSearchEndpoint(String systemId, String host, int port, String scheme, String user, Secret password) {
    public OpenSearchEndpoint {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(scheme, "scheme");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** A plain-HTTP endpoint without authentication. */
    public OpenSearchEndpoint(String systemId, String host, int port) {
        this(systemId, host, port, "http", null, null);
    }

    /**
     * The endpoint of {@code system} at {@code live}: its {@code address} ({@code host:port}, checked by
     * the config), {@code user}, {@code password} and {@code scheme} ({@code http} unless declared).
     */
    public static OpenSearchEndpoint of(SystemSpec system, Connection live) {
        String address = live.address();
        if (address == null) {
            throw new IllegalArgumentException("system " + system.id() + " has no address");
        }
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new OpenSearchEndpoint(system.id(), host, Integer.parseInt(address.substring(colon + 1)), live.schemeOpt().orElse("http"),
                live.user(), live.password());
    }

    /** {@code host:port}, as error messages name it. */
    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "OpenSearchEndpoint[" + systemId + " at " + scheme + "://" + address() + (user == null ? "" : " as " + user) + "]";
    }
}
