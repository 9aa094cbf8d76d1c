package io.headwater.engine.discover;

import io.headwater.engine.model.SystemKind;
import java.util.Objects;

/**
 * A database a connector reads or writes, as its configuration names it; never its password.
 *
 * @param kind        {@code postgres} or {@code mysql}; null for a database Headwater cannot attach
 *                    (SQL Server, Oracle, ...), named by {@code flavor}
 * @param flavor      what the connector calls it: {@code postgresql}, {@code mysql}, {@code sqlserver}, ...
 * @param host        its host
 * @param port        its port
 * @param database    the database, or null where the connector names none (MySQL captures many)
 * @param user        the user the connector logs in as, or null
 * @param hasPassword whether the connector is given a password (discovery writes a {@code ${VAR}} for it)
 */
public record DatabaseRef(SystemKind kind, String flavor, String host, int port, String database, String user, boolean hasPassword) {
    public DatabaseRef {
        Objects.requireNonNull(flavor, "flavor");
        Objects.requireNonNull(host, "host");
    }

    /** {@code host:port}. */
    public String address() {
        return host + ":" + port;
    }

    /** {@code postgresql 127.0.0.1:5432/bank}. */
    public String describe() {
        return flavor + " " + address() + (database == null ? "" : "/" + database);
    }
}
