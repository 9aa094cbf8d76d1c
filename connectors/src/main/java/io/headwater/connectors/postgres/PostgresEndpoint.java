package io.headwater.connectors.postgres;

import io.headwater.connectors.jdbc.JdbcEndpoint;
import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.engine.ConnectionException;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Secret;
import io.headwater.engine.model.SystemSpec;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One PostgreSQL database of a system, and how to open connections to it: with the system's client
 * properties ({@code sslmode}, ...; secrets revealed only to the driver), bounded connect and socket
 * timeouts, and an application name. {@link #openReadOnly()} is what every observer uses: the
 * session refuses writes ({@code readOnlyMode=always}, so even auto-commit statements run in
 * read-only transactions).
 *
 * @param systemId   the pipeline's id of the system, for messages
 * @param host       host name or address
 * @param port       port
 * @param database   database name
 * @param user       user, or null for the driver's default
 * @param password   password, or null
 * @param properties client properties passed to the driver as they are
 */
public record PostgresEndpoint(String systemId, String host, int port, String database, String user, Secret password,
                               Map<String, Secret> properties) {
    private static final int DEFAULT_PORT = 5432;
    private static final String CONNECT_TIMEOUT_S = "5";
    private static final String SOCKET_TIMEOUT_S = "30";

    public PostgresEndpoint {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /**
     * The database of {@code system} at {@code connection} (address {@code host[:port]}, database,
     * user, password), with the system's client properties.
     */
    public static PostgresEndpoint of(SystemSpec system, Connection connection) {
        String address = connection.address();
        if (address == null || address.isBlank()) {
            throw new HeadwaterException("system '" + system.id() + "' has no address to reach PostgreSQL at");
        }
        String host = address;
        int port = DEFAULT_PORT;
        int colon = address.lastIndexOf(':');
        if (colon > 0 && address.indexOf(']') < colon) {
            host = address.substring(0, colon);
            port = Integer.parseInt(address.substring(colon + 1));
        }
        String db = connection.database() != null ? connection.database() : "postgres";
        return new PostgresEndpoint(system.id(), host, port, db, connection.user(), connection.password(), system.properties());
    }

    /** {@code host:port}, for messages. */
    public String address() {
        return host + ":" + port;
    }

    /** {@code host:port/database}, for messages. */
    public String where() {
        return address() + "/" + database;
    }

    /** The JDBC URL, without credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + address() + "/" + database;
    }

    /** A connection whose session refuses every write. The caller closes it. */
    public java.sql.Connection openReadOnly(String applicationName) throws SQLException {
        return jdbc(applicationName).readOnly().open();
    }

    /** A connection that may write (dropping Headwater's own slots). The caller closes it. */
    public java.sql.Connection openWritable(String applicationName) throws SQLException {
        return jdbc(applicationName).writable().open();
    }

    /** The same database as a {@link JdbcEndpoint}, the one way connections are opened, with bounded waits. */
    private JdbcEndpoint jdbc(String applicationName) {
        Map<String, Secret> props = new LinkedHashMap<>();
        props.put("connectTimeout", Secret.literal(CONNECT_TIMEOUT_S));
        props.put("loginTimeout", Secret.literal(CONNECT_TIMEOUT_S));
        props.put("socketTimeout", Secret.literal(SOCKET_TIMEOUT_S));
        props.put("ApplicationName", Secret.literal(applicationName));
        props.putAll(properties);
        return new JdbcEndpoint(SqlDialect.POSTGRES, jdbcUrl(), user, password, props, address(), systemId);
    }

    /**
     * Wraps a driver failure: connection and authentication problems (SQL states {@code 08},
     * {@code 28}, {@code 57P0x}) become a {@link ConnectionException} naming the system and address,
     * anything else a {@link StoreException} naming {@code what} was attempted.
     */
    public HeadwaterException wrap(String what, SQLException e) {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("28") || state.startsWith("57P0"))) {
            return new ConnectionException(systemId, address(), "cannot " + what + " on " + where() + ": " + e.getMessage(), e);
        }
        return new StoreException("system '" + systemId + "' at " + where() + ": cannot " + what + ": " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return "PostgresEndpoint[" + systemId + " at " + where() + ", user=" + user + "]";
    }
}
