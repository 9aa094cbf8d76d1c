package io.headwater.connectors.postgres;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Secret;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.status.DatasetStatus;
import io.headwater.engine.status.SystemStatus;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports whether a PostgreSQL server answers and how many rows each dataset's table holds. Works
 * for an embedded server and an external one alike; every call opens one short-lived connection
 * with bounded connect and socket timeouts, so an unreachable server is reported within seconds.
 *
 * <p>Thread-safe: holds no connection between calls.
 */
public final class PostgresMonitor implements io.headwater.engine.spi.SystemMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresMonitor.class);
    private static final int CONNECT_TIMEOUT_S = 5;
    private static final int SOCKET_TIMEOUT_S = 30;

    private final SystemSpec spec;
    private final String jdbcUrl;
    private final String user;
    private final Secret password;

    /**
     * @param spec     the system and its datasets (a dataset's {@code physicalName} is the table)
     * @param jdbcUrl  {@code jdbc:postgresql://host:port/database}, without credentials
     * @param user     the user to log in as
     * @param password its password, or null
     */
    public PostgresMonitor(SystemSpec spec, String jdbcUrl, String user, Secret password) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.user = user;
        this.password = password;
    }

    /** A monitor for an external server described by the spec's connection (address host:port, database, user, password). */
    public static PostgresMonitor forSpec(SystemSpec spec) {
        var c = spec.connection();
        String address = c.addressOpt().orElse("localhost:5432");
        String db = c.database() != null ? c.database() : "postgres";
        return new PostgresMonitor(spec, "jdbc:postgresql://" + address + "/" + db, c.user(), c.password());
    }

    /** A monitor for an embedded server. */
    public static PostgresMonitor forEmbedded(SystemSpec spec, EmbeddedPostgresServer server) {
        return new PostgresMonitor(spec, server.jdbcUrl(), server.user(), Secret.literal(server.password()));
    }

    @Override
    public SystemStatus status() {
        String address = hostAndPort(jdbcUrl);
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.setQueryTimeout(SOCKET_TIMEOUT_S);
            List<DatasetStatus> datasets = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (Dataset d : spec.datasets()) {
                datasets.add(DatasetStatus.sizeOnly(d.ref(), countRows(st, d, problems)));
            }
            return new SystemStatus(spec.id(), spec.kind(), spec.role(), true, address, String.join("; ", problems), datasets);
        } catch (SQLException e) {
            return SystemStatus.unreachable(spec.id(), spec.kind(), spec.role(), address,
                    "cannot connect to PostgreSQL at " + address + ": " + e.getMessage());
        }
    }

    private static long countRows(Statement st, Dataset d, List<String> problems) {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + quoteTable(d.physicalName()))) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            LOG.debug("Counting {} failed", d.physicalName(), e);
            problems.add(d.physicalName() + ": " + e.getMessage());
            return -1;
        }
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password.reveal());
        }
        p.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_S));
        p.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_S));
        p.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_S));
        p.setProperty("ApplicationName", "headwater-monitor");
        return DriverManager.getConnection(jdbcUrl, p);
    }

    /** Quotes {@code schema.table} (or {@code table}) as identifiers, doubling embedded quotes. */
    static String quoteTable(String physicalName) {
        StringBuilder sb = new StringBuilder();
        for (String part : physicalName.split("\\.", 2)) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append('"').append(part.replace("\"", "\"\"")).append('"');
        }
        return sb.toString();
    }

    /** {@code host:port} of a {@code jdbc:postgresql://host:port/db} URL, for messages. */
    static String hostAndPort(String jdbcUrl) {
        int start = jdbcUrl.indexOf("//");
        if (start < 0) {
            return jdbcUrl;
        }
        int end = jdbcUrl.indexOf('/', start + 2);
        String hp = end < 0 ? jdbcUrl.substring(start + 2) : jdbcUrl.substring(start + 2, end);
        int q = hp.indexOf('?');
        return q < 0 ? hp : hp.substring(0, q);
    }
}
