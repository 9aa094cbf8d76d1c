package io.headwater.connectors.opensearch;

import java.util.Objects;

/**
 * Where an OpenSearch (or Elasticsearch) cluster answers HTTP, and the pipeline's name for it.
 *
 * @param systemId the pipeline's id of the system, for error messages
 * @param host     a host name or address
 * @param port     the HTTP port
 * @param scheme   {@code http} or {@code https}
 */
public record OpenSearchEndpoint(String systemId, String host, int port, String scheme) {
    public OpenSearchEndpoint {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(scheme, "scheme");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** A plain-HTTP endpoint. */
    public OpenSearchEndpoint(String systemId, String host, int port) {
        this(systemId, host, port, "http");
    }

    /** {@code host:port}, as error messages name it. */
    public String address() {
        return host + ":" + port;
    }
}
