package io.headwater.engine.model;

import java.util.Optional;

/**
 * How to reach a system. Which parts matter depends on the kind: {@code address} is host:port for
 * PostgreSQL and Kafka (bootstrap servers, comma-separated), a JDBC URL for H2; {@code path} is a
 * directory or file for embedded stores (relative paths resolve against the pipeline's data
 * directory). {@code scheme} is {@code http} or {@code https} for a search index (null: {@code http}).
 * All parts are optional; embedded systems need none.
 */
public record Connection(String address, String database, String user, Secret password, String path, String scheme) {
    public static final Connection NONE = new Connection(null, null, null, null, null, null);

    /** A connection without a scheme. */
    public Connection(String address, String database, String user, Secret password, String path) {
        this(address, database, user, password, path, null);
    }

    public Optional<String> schemeOpt() {
        return Optional.ofNullable(scheme);
    }

    public Optional<String> addressOpt() {
        return Optional.ofNullable(address);
    }

    public Optional<String> pathOpt() {
        return Optional.ofNullable(path);
    }

    public Optional<Secret> passwordOpt() {
        return Optional.ofNullable(password);
    }

    @Override
    public String toString() {
        return "Connection[address=" + address + ", database=" + database + ", user=" + user
                + ", password=" + (password == null ? "none" : password) + ", path=" + path
                + (scheme == null ? "" : ", scheme=" + scheme) + "]";
    }
}
