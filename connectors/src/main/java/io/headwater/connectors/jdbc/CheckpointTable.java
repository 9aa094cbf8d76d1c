package io.headwater.connectors.jdbc;

import io.headwater.engine.model.FieldType;
import io.headwater.engine.spi.Checkpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The table {@code headwater_checkpoints(dataset, checkpoint)} (folded as the database folds
 * names: {@code HEADWATER_CHECKPOINTS} in H2): one row per table Headwater keeps, keyed by the
 * table's physical name, written in the same transaction as that table's data. It lives beside the
 * tables it describes: in the given schema, or the connection's current one. Stateless; uses the
 * caller's connection and transaction. Immutable and thread-safe.
 *
 * @param dialect the database's dialect
 * @param schema  the schema holding the table, or null for the connection's current schema
 */
public record CheckpointTable(SqlDialect dialect, String schema) {
    /** The table's name, before folding. */
    public static final String NAME = "headwater_checkpoints";

    /** The checkpoint table in the connection's current schema. */
    public static CheckpointTable of(SqlDialect dialect) {
        return new CheckpointTable(dialect, null);
    }

    /** The checkpoint table in the schema of {@code physicalName} (a table name, possibly schema-qualified). */
    public static CheckpointTable beside(SqlDialect dialect, String physicalName) {
        int dot = physicalName.lastIndexOf('.');
        return new CheckpointTable(dialect, dot < 0 ? null : physicalName.substring(0, dot));
    }

    /** The physical name of the table, schema-qualified when a schema was given. */
    public String physicalName() {
        return schema == null ? NAME : schema + "." + NAME;
    }

    private TableLayout layout() {
        return new TableLayout(dialect);
    }

    private String table() {
        return layout().table(physicalName());
    }

    public void create(Connection c) throws SQLException {
        TableLayout l = layout();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + table() + " (" + l.column("dataset") + " " + dialect.columnType(FieldType.STRING)
                    + " PRIMARY KEY, " + l.column("checkpoint") + " " + dialect.textType() + ")");
        }
    }

    /** The checkpoint of {@code dataset}, {@link Checkpoint#EMPTY} when it has no row. */
    public Checkpoint read(Connection c, String dataset) throws SQLException {
        TableLayout l = layout();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + l.column("checkpoint") + " FROM " + table() + " WHERE " + l.column("dataset") + " = ?")) {
            ps.setString(1, dataset);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Checkpoint.decode(rs.getString(1)) : Checkpoint.EMPTY;
            }
        }
    }

    /** Every key in the table (it holds a row per kept table, so it is small). */
    public List<String> keys(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + layout().column("dataset") + " FROM " + table())) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    public void delete(Connection c, String dataset) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table() + " WHERE " + layout().column("dataset") + " = ?")) {
            ps.setString(1, dataset);
            ps.executeUpdate();
        }
    }

    public void write(Connection c, String dataset, Checkpoint checkpoint) throws SQLException {
        TableLayout l = layout();
        try (PreparedStatement ps = c.prepareStatement(dialect.upsert(table(), List.of(l.column("dataset"), l.column("checkpoint")),
                List.of(l.column("dataset"))))) {
            ps.setString(1, dataset);
            ps.setString(2, checkpoint.encode());
            ps.executeUpdate();
        }
    }
}
