package io.headwater.engine.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One running data system of a pipeline.
 *
 * @param id         the pipeline-wide id ({@code pg}, {@code kafka}, {@code search})
 * @param kind       the technology
 * @param role       record, log or derived
 * @param embedded   whether Headwater starts it itself inside the data directory
 * @param connection how to reach it (ignored for embedded systems except {@code path})
 * @param datasets   the datasets it holds
 */
public record SystemSpec(String id, SystemKind kind, Role role, boolean embedded, Connection connection, List<Dataset> datasets) {
    public SystemSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(role, "role");
        connection = connection == null ? Connection.NONE : connection;
        datasets = List.copyOf(datasets);
    }

    /**
     * Whether this is an event-sourced system of record: a Kafka topic of business events that is
     * itself the record (no database behind it), read directly by consume flows.
     */
    public boolean eventSourced() {
        return role == Role.RECORD && kind == SystemKind.KAFKA;
    }

    public Optional<Dataset> dataset(String name) {
        return datasets.stream().filter(d -> d.ref().dataset().equals(name)).findFirst();
    }

    /** A human-readable address: host:port, URL, path, or "embedded". */
    public String displayAddress() {
        if (connection.address() != null) {
            return connection.address();
        }
        if (connection.path() != null) {
            return connection.path();
        }
        return embedded ? "embedded" : "(no address)";
    }
}
