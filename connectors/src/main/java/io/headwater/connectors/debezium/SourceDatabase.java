package io.headwater.connectors.debezium;

import io.headwater.engine.model.Secret;

import java.util.Objects;

/**
 * Where change capture reads from: a PostgreSQL database and a user allowed to replicate.
 *
 * @param systemId the pipeline's id of the system of record, used in messages
 * @param host     host name or address
 * @param port     port
 * @param database database name
 * @param user     a user with the REPLICATION attribute (or a superuser)
 * @param password its password; never printed
 */
public record SourceDatabase(String systemId, String host, int port, String database, String user, Secret password) {
    public SourceDatabase {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
    }

    /** {@code host:port}, for messages. */
    public String address() {
        return host + ":" + port;
    }
}
