package io.headwater.connectors.h2;

import io.headwater.engine.spi.ChangeEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** How one kind of flow writes its target table, inside the caller's transaction. */
interface TableWriter {
    /** Creates the tables the writer needs when they are absent. */
    void create(Connection c) throws SQLException;

    /** Applies a batch in order; the caller commits. */
    void apply(Connection c, List<ChangeEvent> events) throws SQLException;
}
