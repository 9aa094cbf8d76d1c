package io.headwater.connectors.h2;

import io.headwater.engine.spi.Checkpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The table {@code HEADWATER_CHECKPOINTS(DATASET VARCHAR PRIMARY KEY, CHECKPOINT VARCHAR)}: one
 * row per derived table generation ({@link TableGeneration#checkpointKey()}: the dataset's physical
 * name for generation 0), written in the same transaction as that generation's data.
 * Stateless; uses the caller's connection and transaction.
 */
final class CheckpointTable {
    static final String NAME = "\"HEADWATER_CHECKPOINTS\"";

    private CheckpointTable() {
    }

    static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + NAME + " (\"DATASET\" CHARACTER VARYING PRIMARY KEY, \"CHECKPOINT\" CHARACTER VARYING)");
        }
    }

    static Checkpoint read(Connection c, String dataset) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT \"CHECKPOINT\" FROM " + NAME + " WHERE \"DATASET\" = ?")) {
            ps.setString(1, dataset);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Checkpoint.decode(rs.getString(1)) : Checkpoint.EMPTY;
            }
        }
    }

    static void delete(Connection c, String dataset) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + NAME + " WHERE \"DATASET\" = ?")) {
            ps.setString(1, dataset);
            ps.executeUpdate();
        }
    }

    static void write(Connection c, String dataset, Checkpoint checkpoint) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("MERGE INTO " + NAME + " (\"DATASET\", \"CHECKPOINT\") KEY (\"DATASET\") VALUES (?, ?)")) {
            ps.setString(1, dataset);
            ps.setString(2, checkpoint.encode());
            ps.executeUpdate();
        }
    }
}
