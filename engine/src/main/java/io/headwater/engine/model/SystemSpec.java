package io.headwater.engine.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One running data system of a pipeline.
 *
 * @param id         the pipeline-wide id ({@code pg}, {@code kafka}, {@code search})
 * @param kind       the technology
 * @param role       record, log or derived
 * @param embedded   whether Headwater starts it itself inside the data directory (hosted); otherwise it is
 *                   attached: Headwater only connects to it, and reads
 * @param writable   whether the user allows Headwater to write into it although it is attached (rebuild swaps,
 *                   fault injection); hosted systems are always writable
 * @param connection how to reach it (ignored for embedded systems except {@code path})
 * @param properties passed to the system's client as they are (TLS, SASL: {@code sslmode}, {@code security.protocol});
 *                   values written as {@code ${VAR}} are secrets
 * @param datasets   the datasets it holds
 */
public record SystemSpec(String id, SystemKind kind, Role role, boolean embedded, boolean writable, Connection connection,
                         Map<String, Secret> properties, List<Dataset> datasets) {
    public SystemSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(role, "role");
        connection = connection == null ? Connection.NONE : connection;
        properties = properties == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        datasets = List.copyOf(datasets);
    }

    /** A system without client properties that is writable only when hosted. */
    public SystemSpec(String id, SystemKind kind, Role role, boolean embedded, Connection connection, List<Dataset> datasets) {
        this(id, kind, role, embedded, embedded, connection, Map.of(), datasets);
    }

    /** Whether Headwater starts and owns this system. */
    public boolean hosted() {
        return embedded;
    }

    /** Whether Headwater only connects to this system (somebody else runs it). */
    public boolean attached() {
        return !embedded;
    }

    /** Whether Headwater may write into this system: hosted, or attached with the user's opt-in. */
    public boolean mayWrite() {
        return embedded || writable;
    }

    /** The same system with writing allowed (the command line's {@code --allow-write SYSTEM}). */
    public SystemSpec allowingWrites() {
        return new SystemSpec(id, kind, role, embedded, true, connection, properties, datasets);
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
