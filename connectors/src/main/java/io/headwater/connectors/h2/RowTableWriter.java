package io.headwater.connectors.h2;

import io.headwater.connectors.jdbc.RowUpserts;
import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.connectors.mvstore.TargetChange;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.spi.ChangeEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Writes a scalar flow: one target row per source record, upserted with MERGE, removed with DELETE ({@link RowUpserts}). */
final class RowTableWriter implements TableWriter {
    private final Dataset dataset;
    private final Flow flow;
    private final RowUpserts rows;

    RowTableWriter(Dataset dataset, Flow flow) {
        this.dataset = dataset;
        this.flow = flow;
        this.rows = new RowUpserts(dataset, SqlDialect.H2);
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
        rows.write(c, changes);
    }
}
