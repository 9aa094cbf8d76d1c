package io.headwater.connectors.jdbc;

import io.headwater.engine.ConnectionException;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import java.sql.SQLException;

/**
 * Wraps a {@link SQLException} at the connector boundary: SQL state class {@code 08} (connection
 * exception) becomes a {@link ConnectionException}, anything else a {@link StoreException} naming
 * the table and the address. Stateless and thread-safe.
 */
public final class SqlFailures {
    private SqlFailures() {
    }

    public static HeadwaterException wrap(String what, Dataset dataset, String address, SQLException e) {
        String state = e.getSQLState();
        // 08: connection exceptions; 57P01-57P03: PostgreSQL shutting down or not accepting connections.
        if (state != null && (state.startsWith("08") || state.startsWith("57P0"))) {
            return new ConnectionException(dataset.ref().system(), address, what + " " + dataset.physicalName() + ": " + e.getMessage(), e);
        }
        return new StoreException("table " + dataset.physicalName() + " for " + dataset.ref() + " at " + address + ": " + what
                + " failed: " + e.getMessage(), e);
    }

    /** A JDBC URL without its password parameter, fit for messages. */
    public static String address(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }
}
