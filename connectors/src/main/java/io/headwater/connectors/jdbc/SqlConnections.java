package io.headwater.connectors.jdbc;

import io.headwater.engine.ConnectionException;
import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Secret;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Opens JDBC connections to one SQL system of a pipeline (PostgreSQL, MySQL/MariaDB, H2). On a
 * system that Headwater may not write (attached, not {@code writable}) every connection is
 * read-only: {@link java.sql.Connection#setReadOnly} and, where the database has them, read-only
 * transactions for the whole session, so a bug cannot write a row. The system's {@code properties}
 * (TLS and the like) go to the driver as they are. Failures to connect become a
 * {@link ConnectionException} naming the system and its address — "authentication failed for user
 * 'u' at host:port" for a refused login — and never the password. Thread-safe.
 */
public final class SqlConnections implements ConnectionSource {
    private static final int CONNECT_TIMEOUT_S = 10;

    private final SystemSpec system;
    private final SqlDialect dialect;
    private final String jdbcUrl;
    private final String address;
    private final String user;
    private final Secret password;
    private final boolean readOnly;

    private SqlConnections(SystemSpec system, SqlDialect dialect, String jdbcUrl, String address, String user, Secret password, boolean readOnly) {
        this.system = system;
        this.dialect = dialect;
        this.jdbcUrl = jdbcUrl;
        this.address = address;
        this.user = user;
        this.password = password;
        this.readOnly = readOnly;
    }

    /**
     * Connections to {@code system} reached through {@code live}: the system's own connection when it
     * is attached, the address of the server Headwater started when it is hosted.
     */
    public static SqlConnections of(SystemSpec system, Connection live) {
        boolean readOnly = !system.mayWrite();
        return switch (system.kind()) {
            case POSTGRES -> new SqlConnections(system, SqlDialect.POSTGRES, "jdbc:postgresql://" + live.address() + "/" + database(system, live),
                    live.address(), live.user(), live.password(), readOnly);
            case H2 -> new SqlConnections(system, SqlDialect.H2, live.address(), SqlFailures.address(live.address()), live.user(), live.password(), readOnly);
            default -> throw new IllegalArgumentException("system " + system.id() + " of kind " + system.kind().configName() + " is not reached over JDBC");
        };
    }

    private static String database(SystemSpec system, Connection live) {
        if (live.database() == null) {
            throw new IllegalArgumentException("system " + system.id() + " names no database");
        }
        return live.database();
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** Where the database is, fit for messages: host:port, or the JDBC URL without a password. */
    public String address() {
        return address;
    }

    /** Whether every connection is read-only. */
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public java.sql.Connection open() throws SQLException {
        Properties p = new Properties();
        system.properties().forEach((k, v) -> p.setProperty(k, v.reveal()));
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password.reveal());
        }
        if (system.kind() == SystemKind.POSTGRES) {
            p.putIfAbsent("connectTimeout", Integer.toString(CONNECT_TIMEOUT_S));
            p.putIfAbsent("ApplicationName", "headwater");
            if (readOnly) {
                p.setProperty("readOnly", "true");
                p.setProperty("readOnlyMode", "always");
            }
        }
        java.sql.Connection c = DriverManager.getConnection(jdbcUrl, p);
        if (readOnly) {
            try {
                c.setReadOnly(true);
                if (system.kind() == SystemKind.POSTGRES) {
                    try (Statement st = c.createStatement()) {
                        st.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
                    }
                }
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        }
        return c;
    }

    /**
     * A connection, with a failure to connect turned into a {@link ConnectionException} that names the
     * system, its address and, for a refused login, the user.
     */
    public java.sql.Connection connect() {
        try {
            return open();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The exception for a failure to connect. */
    public ConnectionException failure(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("28")) {
            return new ConnectionException(system.id(), address, "authentication failed for user '" + user + "' at " + address, e);
        }
        return new ConnectionException(system.id(), address, "cannot connect to " + system.kind().configName() + " at " + address + ": "
                + e.getMessage(), e);
    }
}
