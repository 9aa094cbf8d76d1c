package io.headwater.connectors.h2;

import io.headwater.connectors.jdbc.JdbcValues;
import io.headwater.connectors.mvstore.TargetChange;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.Flow;
import io.headwater.engine.spi.ChangeEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Writes a scalar flow: one target row per source record, upserted with MERGE, removed with DELETE. */
final class RowTableWriter implements TableWriter {
    private final Dataset dataset;
    private final Flow flow;
    private final String merge;
    private final String delete;

    RowTableWriter(Dataset dataset, Flow flow) {
        this.dataset = dataset;
        this.flow = flow;
        String table = TargetTable.table(dataset.physicalName());
        this.merge = "MERGE INTO " + table + " (" + TargetTable.columns(dataset.fieldNames()) + ") KEY (" + TargetTable.columns(dataset.key())
                + ") VALUES (" + TargetTable.placeholders(dataset.fields().size()) + ")";
        this.delete = "DELETE FROM " + table + " WHERE " + TargetTable.whereKey(dataset.key());
    }

    @Override
    public void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(TargetTable.createDdl(dataset));
        }
    }

    @Override
    public void apply(Connection c, List<ChangeEvent> events) throws SQLException {
        write(c, TargetChange.of(events, flow, dataset));
    }

    /** Upserts or deletes target rows as they are. */
    void write(Connection c, List<TargetChange> changes) throws SQLException {
        try (PreparedStatement m = c.prepareStatement(merge); PreparedStatement d = c.prepareStatement(delete)) {
            for (TargetChange change : changes) {
                if (change.removes()) {
                    bindKey(d, change);
                    d.executeUpdate();
                } else {
                    int i = 1;
                    for (Field f : dataset.fields()) {
                        JdbcValues.bind(m, i++, f.type(), change.row().get(f.name()));
                    }
                    m.executeUpdate();
                }
            }
        }
    }

    private void bindKey(PreparedStatement ps, TargetChange change) throws SQLException {
        int i = 1;
        for (Field k : dataset.keyFields()) {
            JdbcValues.bind(ps, i++, k.type(), change.key().get(k.name()));
        }
    }
}
