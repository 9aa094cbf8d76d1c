package io.headwater.connectors.verify;

import io.headwater.connectors.jdbc.ConnectionSource;
import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.connectors.jdbc.SqlFailures;
import io.headwater.engine.ConnectionException;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.Dataset;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one connection a {@link SqlVerifySide} works through, opened on first use and prepared for
 * the canonical SQL: session time zone UTC (timestamps without time zone count as UTC, and
 * {@code CAST(ts AS DATE)} is the UTC day), in PostgreSQL DateStyle ISO, and in H2 the
 * {@link H2CanonicalFunctions} aliases.
 * After a failure the connection is dropped, so the next call opens a fresh one. Not thread-safe.
 */
final class SqlSession implements AutoCloseable {
    private final ConnectionSource connections;
    private final SqlDialect dialect;
    private final Dataset dataset;
    private String address;
    private Connection connection;

    SqlSession(ConnectionSource connections, SqlDialect dialect, Dataset dataset, String address) {
        this.connections = connections;
        this.dialect = dialect;
        this.dataset = dataset;
        this.address = address;
    }

    /** The database address for messages (a URL without secrets). */
    String address() {
        return address;
    }

    SqlDialect dialect() {
        return dialect;
    }

    /** The open connection, opening and preparing it when needed. */
    Connection connection() throws SQLException {
        if (connection == null) {
            Connection c = connections.open();
            try {
                prepare(c);
            } catch (SQLException e) {
                closeAfter(c, e);
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    private void prepare(Connection c) throws SQLException {
        if (address == null) {
            address = SqlFailures.address(c.getMetaData().getURL());
        }
        try (Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            if (dialect == SqlDialect.POSTGRES) {
                s.execute("SET DateStyle = 'ISO, YMD'"); // CAST(date AS TEXT) is then yyyy-MM-dd (CanonicalSql)
            }
        }
        if (dialect == SqlDialect.H2) {
            H2CanonicalFunctions.install(c);
        }
    }

    /**
     * Wraps a failure with context and drops the connection, which may be broken. Besides the
     * connection states (class 08) that {@link SqlFailures} maps, PostgreSQL's operator intervention
     * states {@code 57P01..57P03} (the server shut down or is starting) are connection problems too.
     */
    HeadwaterException failure(String what, SQLException e) {
        String where = address == null ? "(unknown address)" : address;
        String state = e.getSQLState();
        HeadwaterException wrapped = state != null && state.startsWith("57P")
                ? new ConnectionException(dataset.ref().system(), where, what + " " + dataset.physicalName() + ": " + e.getMessage(), e)
                : SqlFailures.wrap(what, dataset, where, e);
        if (connection != null) {
            closeAfter(connection, wrapped);
            connection = null;
        }
        return wrapped;
    }

    private static void closeAfter(Connection c, Exception cause) {
        try {
            c.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            Connection c = connection;
            connection = null;
            try {
                c.close();
            } catch (SQLException e) {
                throw SqlFailures.wrap("close", dataset, address, e);
            }
        }
    }
}
