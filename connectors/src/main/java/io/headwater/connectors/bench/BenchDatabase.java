package io.headwater.connectors.bench;

import io.headwater.connectors.jdbc.ConnectionSource;
import io.headwater.connectors.jdbc.JdbcEndpoint;
import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A database of its own on a PostgreSQL or MariaDB server the benchmark did not start (a user's
 * server): created with a random name, dropped on {@link #close()}. Passwordless logins only (the
 * machine's servers trust local connections). Not thread-safe.
 */
public final class BenchDatabase implements AutoCloseable {
    private final SqlDialect dialect;
    private final String hostPort;
    private final String user;
    private final String name;

    private BenchDatabase(SqlDialect dialect, String hostPort, String user, String name) {
        this.dialect = dialect;
        this.hostPort = hostPort;
        this.user = user;
        this.name = name;
    }

    /** Creates a fresh database on the server at {@code hostPort}. */
    public static BenchDatabase create(SqlDialect dialect, String hostPort, String user) {
        BenchDatabase db = new BenchDatabase(dialect, hostPort, user, "hw_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        db.admin("CREATE DATABASE " + db.name);
        return db;
    }

    public String name() {
        return name;
    }

    private String url(String database) {
        return (dialect == SqlDialect.POSTGRES ? "jdbc:postgresql://" : "jdbc:mariadb://") + hostPort + "/" + database;
    }

    /** Connections that may write (to load the tables). */
    public ConnectionSource writable() {
        return () -> DriverManager.getConnection(url(name), user, "");
    }

    /** The read-only endpoint a comparison uses. */
    public JdbcEndpoint endpoint(String systemId) {
        SystemKind kind = dialect == SqlDialect.POSTGRES ? SystemKind.POSTGRES : SystemKind.MYSQL;
        return JdbcEndpoint.of(new SystemSpec(systemId, kind, Role.RECORD, false, false, new Connection(hostPort, name, user, null, null),
                Map.of(), List.of()));
    }

    private void admin(String sql) {
        String adminDb = dialect == SqlDialect.POSTGRES ? "postgres" : "";
        try (java.sql.Connection c = DriverManager.getConnection(url(adminDb), user, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new StoreException("cannot run '" + sql + "' on " + hostPort + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + (dialect == SqlDialect.POSTGRES ? " WITH (FORCE)" : ""));
    }
}
