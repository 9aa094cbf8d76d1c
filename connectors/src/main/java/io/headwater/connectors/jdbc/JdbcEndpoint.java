package io.headwater.connectors.jdbc;

import io.headwater.engine.ConnectionException;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Secret;
import io.headwater.engine.model.SystemSpec;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where an attached SQL database is and how to log in: the JDBC URL (without a password), the user,
 * the password and the client properties, which stay {@link Secret}s until a connection is opened.
 * {@link #readOnly()} opens connections that cannot write. Immutable and thread-safe.
 *
 * @param dialect        the database's SQL dialect
 * @param jdbcUrl        the JDBC URL, never holding a password
 * @param user           the user to log in as, or null (H2 without a user)
 * @param password       the password, or null
 * @param properties     passed to the driver as they are ({@code sslmode}, {@code sslMode}, ...)
 * @param displayAddress what messages name: {@code host:port}, or the H2 URL
 * @param systemId       the system's id, for messages
 */
public record JdbcEndpoint(SqlDialect dialect, String jdbcUrl, String user, Secret password, Map<String, Secret> properties,
                           String displayAddress, String systemId) {
    /** Seconds to wait for a server to answer a connection attempt. */
    public static final int CONNECT_TIMEOUT_SECONDS = 10;

    public JdbcEndpoint {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(displayAddress, "displayAddress");
        Objects.requireNonNull(systemId, "systemId");
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** An endpoint named after its address. */
    public JdbcEndpoint(SqlDialect dialect, String jdbcUrl, String user, Secret password, Map<String, Secret> properties, String displayAddress) {
        this(dialect, jdbcUrl, user, password, properties, displayAddress, displayAddress);
    }

    /**
     * The endpoint of an attached (or hosted) PostgreSQL, MySQL/MariaDB or H2 system.
     * PostgreSQL and MySQL take {@code address} ({@code host:port}), {@code database}, {@code user}
     * and an optional {@code password}; H2 takes its JDBC URL as {@code address}.
     *
     * @throws HeadwaterException when the kind is not SQL or a part is missing
     */
    public static JdbcEndpoint of(SystemSpec system) {
        return of(system, system.connection());
    }

    /**
     * The endpoint of a system reached through {@code c}: the system's own connection when attached,
     * the address of the server Headwater started when hosted.
     */
    public static JdbcEndpoint of(SystemSpec system, Connection c) {
        SqlDialect dialect = SqlDialect.of(system.kind()).orElseThrow(() -> new HeadwaterException(
                "system '" + system.id() + "' is a " + system.kind().configName() + " system, not a SQL database"));
        if (c.address() == null) {
            throw new HeadwaterException("system '" + system.id() + "' has no address: give "
                    + (dialect == SqlDialect.H2 ? "its JDBC URL" : "host:port"));
        }
        if (dialect == SqlDialect.H2) {
            return new JdbcEndpoint(dialect, c.address(), c.user(), c.password(), system.properties(),
                    SqlFailures.address(c.address()), system.id());
        }
        if (c.database() == null || c.user() == null) {
            throw new HeadwaterException("system '" + system.id() + "' at " + c.address() + " needs a database and a user");
        }
        String scheme = dialect == SqlDialect.POSTGRES ? "jdbc:postgresql://" : "jdbc:mariadb://";
        return new JdbcEndpoint(dialect, scheme + c.address() + "/" + c.database(), c.user(), c.password(), system.properties(),
                c.address(), system.id());
    }

    /**
     * Connections that cannot write: {@code setReadOnly(true)}, and the session's transactions read
     * only where the database has them (PostgreSQL {@code SET SESSION CHARACTERISTICS AS TRANSACTION
     * READ ONLY}, MariaDB/MySQL {@code SET SESSION TRANSACTION READ ONLY}; an H2 file is opened
     * read-only by its URL, {@code ACCESS_MODE_DATA=r}). A failure to connect becomes a
     * {@link ConnectionException} naming the system and address: {@code cannot reach HOST:PORT: reason},
     * {@code authentication failed for user 'U' at HOST:PORT}, or {@code database 'D' does not exist};
     * never the password.
     */
    public ConnectionSource readOnly() {
        return () -> {
            java.sql.Connection c = connect();
            try (Statement s = c.createStatement()) {
                c.setReadOnly(true);
                switch (dialect) {
                    case POSTGRES -> s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
                    case MYSQL -> s.execute("SET SESSION TRANSACTION READ ONLY");
                    case H2 -> {
                        // Read-only by the URL (ACCESS_MODE_DATA=r) or not at all: H2 has no read-only session.
                    }
                }
            } catch (SQLException e) {
                try {
                    c.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
            return c;
        };
    }

    /**
     * Connections that may write, for a system Headwater hosts or the user declared writable; failures
     * to connect are named as for {@link #readOnly()}.
     */
    public ConnectionSource writable() {
        return this::connect;
    }

    /** Read-only connections unless {@code mayWrite}. */
    public ConnectionSource connections(boolean mayWrite) {
        return mayWrite ? writable() : readOnly();
    }

    private java.sql.Connection connect() {
        Properties p = new Properties();
        properties.forEach((k, v) -> p.setProperty(k, v.reveal()));
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password.reveal());
        }
        switch (dialect) {
            case POSTGRES -> p.putIfAbsent("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
            case MYSQL -> p.putIfAbsent("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS * 1000));
            case H2 -> {
                // A local file or server; H2's defaults are fine.
            }
        }
        try {
            return DriverManager.getConnection(jdbcUrl, p);
        } catch (SQLException e) {
            throw ConnectFailure.classify(this, e);
        }
    }

    /** The properties as the driver sees them, secrets masked (for diagnostics). */
    public Map<String, String> maskedProperties() {
        Map<String, String> out = new LinkedHashMap<>();
        properties.forEach((k, v) -> out.put(k, v.toString()));
        return out;
    }

    @Override
    public String toString() {
        return "JdbcEndpoint[" + dialect + " " + displayAddress + ", user=" + user + "]";
    }
}
