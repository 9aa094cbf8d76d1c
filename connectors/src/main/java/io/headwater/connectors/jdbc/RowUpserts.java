package io.headwater.connectors.jdbc;

import io.headwater.connectors.mvstore.TargetChange;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes target rows into a table Headwater keeps, inside the caller's transaction: an upsert by
 * key ({@link SqlDialect#upsert}: H2 {@code MERGE}, PostgreSQL {@code ON CONFLICT DO UPDATE}, MySQL
 * {@code ON DUPLICATE KEY UPDATE}) or a {@code DELETE} by key. Consecutive changes of one kind go in
 * one JDBC batch; a batch is sent before a change of the other kind, so the changes land in their
 * order (a delete after an upsert of the same key wins, and the reverse). Stateless apart from its
 * SQL; thread-safe.
 */
public final class RowUpserts {
    private final Dataset dataset;
    private final SqlDialect dialect;
    private final String upsert;
    private final String delete;

    /** Writes {@code dataset}'s table (its physical name) in {@code dialect}'s layout. */
    public RowUpserts(Dataset dataset, SqlDialect dialect) {
        TableLayout layout = new TableLayout(dialect);
        this.dataset = dataset;
        this.dialect = dialect;
        this.upsert = layout.upsert(dataset);
        this.delete = "DELETE FROM " + layout.table(dataset.physicalName()) + " WHERE " + layout.whereKey(dataset.key());
    }

    /** Upserts or deletes target rows as they are, in order; the caller commits. */
    public void write(Connection c, List<TargetChange> changes) throws SQLException {
        try (PreparedStatement u = c.prepareStatement(upsert); PreparedStatement d = c.prepareStatement(delete)) {
            int pendingUpserts = 0;
            int pendingDeletes = 0;
            for (TargetChange change : changes) {
                if (change.removes()) {
                    if (pendingUpserts > 0) {
                        u.executeBatch();
                        pendingUpserts = 0;
                    }
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
                    int i = 1;
                    for (Field f : dataset.fields()) {
                        JdbcValues.bind(u, i++, f.type(), change.row().get(f.name()), dialect);
                    }
                    u.addBatch();
                    pendingUpserts++;
                }
            }
            if (pendingUpserts > 0) {
                u.executeBatch();
            }
            if (pendingDeletes > 0) {
                d.executeBatch();
            }
        }
    }
}
