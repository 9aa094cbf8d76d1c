package io.headwater.connectors.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a new JDBC connection; the caller closes it. Implementations must be thread-safe. */
@FunctionalInterface
public interface ConnectionSource {
    Connection open() throws SQLException;
}
