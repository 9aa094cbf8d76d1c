package io.headwater.connectors.jdbc;

import io.headwater.connectors.mvstore.TargetChange;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.Row;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes target rows into a table Headwater keeps, inside the caller's transaction: an upsert by
 * key ({@link SqlDialect#upsert}: H2 {@code MERGE}, PostgreSQL {@code ON CONFLICT DO UPDATE}, MySQL
 * {@code ON DUPLICATE KEY UPDATE}) or a {@code DELETE} by key, in the changes' order. A run of
 * upserts between deletes keeps the last row per key and goes in statements of up to
 * {@link SqlDialect#upsertRows} rows (one row each in H2); deletes go in one JDBC batch, sent before
 * the next upsert, so a delete after an upsert of the same key wins, and the reverse. Stateless
 * apart from its SQL; thread-safe.
 */
public final class RowUpserts {
    private final Dataset dataset;
    private final SqlDialect dialect;
    private final TableLayout layout;
    private final int rowsPerStatement;
    private final String delete;

    /** Writes {@code dataset}'s table (its physical name) in {@code dialect}'s layout. */
    public RowUpserts(Dataset dataset, SqlDialect dialect) {
        this.dataset = dataset;
        this.dialect = dialect;
        this.layout = new TableLayout(dialect);
        this.rowsPerStatement = dialect.upsertRows(dataset.fields().size());
        this.delete = "DELETE FROM " + layout.table(dataset.physicalName()) + " WHERE " + layout.whereKey(dataset.key());
    }

    /** Upserts or deletes target rows as they are, in order; the caller commits. */
    public void write(Connection c, List<TargetChange> changes) throws SQLException {
        Map<List<Object>, Row> upserts = new LinkedHashMap<>();
        try (PreparedStatement d = c.prepareStatement(delete)) {
            int pendingDeletes = 0;
            for (TargetChange change : changes) {
                if (change.removes()) {
                    upsert(c, upserts);
                    int i = 1;
                    for (Field k : dataset.keyFields()) {
                        JdbcValues.bind(d, i++, k.type(), change.key().get(k.name()), dialect);
                    }
                    d.addBatch();
                    pendingDeletes++;
                } else {
                    if (pendingDeletes > 0) {
                        d.executeBatch();
                        pendingDeletes = 0;
                    }
                    List<Object> key = identity(change.key());
                    upserts.remove(key); // a later row for the key takes its place at the end
                    upserts.put(key, change.row());
                }
            }
            if (pendingDeletes > 0) {
                d.executeBatch();
            }
            upsert(c, upserts);
        }
    }

    /** Sends the pending upserts, full statements first, then one for the rest; clears them. */
    private void upsert(Connection c, Map<List<Object>, Row> upserts) throws SQLException {
        if (upserts.isEmpty()) {
            return;
        }
        List<Row> rows = new ArrayList<>(upserts.values());
        upserts.clear();
        int full = rows.size() / rowsPerStatement * rowsPerStatement;
        if (full > 0) {
            try (PreparedStatement ps = c.prepareStatement(layout.upsert(dataset, rowsPerStatement))) {
                for (int at = 0; at < full; at += rowsPerStatement) {
                    bind(ps, rows.subList(at, at + rowsPerStatement));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (full < rows.size()) {
            try (PreparedStatement ps = c.prepareStatement(layout.upsert(dataset, rows.size() - full))) {
                bind(ps, rows.subList(full, rows.size()));
                ps.executeUpdate();
            }
        }
    }

    private void bind(PreparedStatement ps, List<Row> rows) throws SQLException {
        int i = 1;
        for (Row row : rows) {
            for (Field f : dataset.fields()) {
                JdbcValues.bind(ps, i++, f.type(), row.get(f.name()), dialect);
            }
        }
    }

    /** The key as the database compares it: bytes by content, decimals by value. */
    private List<Object> identity(Row key) {
        List<Object> out = new ArrayList<>(dataset.key().size());
        for (String k : dataset.key()) {
            Object v = key.get(k);
            out.add(v instanceof byte[] b ? ByteBuffer.wrap(b) : v instanceof BigDecimal d ? d.stripTrailingZeros() : v);
        }
        return out;
    }
}
