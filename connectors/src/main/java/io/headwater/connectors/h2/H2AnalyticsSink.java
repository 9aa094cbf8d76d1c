package io.headwater.connectors.h2;

import io.headwater.connectors.jdbc.SqlFailures;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.StoreEdit;
import io.headwater.connectors.mvstore.TargetChange;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * A derived dataset kept as a table in an H2 database (embedded file, e.g.
 * {@code jdbc:h2:file:<dir>/analytics;AUTO_SERVER=TRUE}; several sinks may share the database, each
 * with its own connections). Creates the table from the dataset (types in
 * {@link io.headwater.connectors.jdbc.SqlDialect#H2}, identifiers upper-cased, the key as primary
 * key) and {@code HEADWATER_CHECKPOINTS}. Each batch is one JDBC transaction holding the data and
 * the checkpoint row (keyed by the dataset's physical name). Scalar flows upsert with MERGE;
 * aggregating flows go through a staging table ({@link AggregateTableWriter}).
 *
 * <p>Not thread-safe for {@link #apply}: one consumer thread applies. {@link #checkpoint()} and
 * {@link #count()} may be called from other threads; they see committed data only.
 */
public final class H2AnalyticsSink implements DerivedSink {
    private final String address;
    private final Dataset dataset;
    private final Flow flow;
    private final TableWriter writer;
    private final Connection writes;
    private final Connection reads;
    private volatile Checkpoint checkpoint;
    private String jdbcUrl;

    private H2AnalyticsSink(String address, Dataset dataset, Flow flow, TableWriter writer, Connection writes, Connection reads)
            throws SQLException {
        this.address = address;
        this.dataset = dataset;
        this.flow = flow;
        this.writer = writer;
        this.writes = writes;
        this.reads = reads;
        CheckpointTable.create(writes);
        writer.create(writes);
        writes.setAutoCommit(false);
        this.checkpoint = CheckpointTable.read(writes, dataset.physicalName());
        writes.commit();
    }

    /** Connects, and creates the dataset's table(s) and the checkpoint table when absent. */
    public static H2AnalyticsSink open(String jdbcUrl, Dataset dataset, Flow flow) {
        String address = SqlFailures.address(jdbcUrl);
        TableWriter writer = flow.isAggregate() ? new AggregateTableWriter(dataset, flow) : new RowTableWriter(dataset, flow);
        Connection writes = null;
        Connection reads = null;
        try {
            writes = DriverManager.getConnection(jdbcUrl);
            reads = DriverManager.getConnection(jdbcUrl);
            H2AnalyticsSink sink = new H2AnalyticsSink(address, dataset, flow, writer, writes, reads);
            sink.jdbcUrl = jdbcUrl;
            return sink;
        } catch (SQLException e) {
            RuntimeException failure = SqlFailures.wrap("open", dataset, address, e);
            closeQuietly(reads, failure);
            closeQuietly(writes, failure);
            throw failure;
        }
    }

    private static void closeQuietly(Connection c, RuntimeException cause) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                cause.addSuppressed(e);
            }
        }
    }

    @Override
    public Dataset dataset() {
        return dataset;
    }

    @Override
    public Flow flow() {
        return flow;
    }

    @Override
    public Checkpoint checkpoint() {
        return checkpoint;
    }

    @Override
    public synchronized void apply(List<ChangeEvent> events, Checkpoint through) {
        try {
            writer.apply(writes, events);
            CheckpointTable.write(writes, dataset.physicalName(), through);
            writes.commit();
            checkpoint = through;
        } catch (SQLException e) {
            throw rolledBack(SqlFailures.wrap("apply batch through " + through.encode(), dataset, address, e));
        } catch (RuntimeException e) {
            throw rolledBack(e);
        }
    }

    /** Writes rows straight into the target table (even of an aggregate), keeping the checkpoint. */
    @Override
    public synchronized void tamper(List<StoreEdit> edits) {
        try {
            new RowTableWriter(dataset, flow).write(writes, edits.stream().map(e -> new TargetChange(e.key(), e.row())).toList());
            writes.commit();
        } catch (SQLException e) {
            throw rolledBack(SqlFailures.wrap("tamper", dataset, address, e));
        }
    }

    @Override
    public H2TableReader reader() {
        return H2TableReader.open(jdbcUrl, dataset);
    }

    private RuntimeException rolledBack(RuntimeException failure) {
        try {
            writes.rollback();
        } catch (SQLException r) {
            failure.addSuppressed(r);
        }
        return failure;
    }

    @Override
    public synchronized long count() {
        try (PreparedStatement ps = reads.prepareStatement("SELECT COUNT(*) FROM " + TargetTable.table(dataset.physicalName()));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw SqlFailures.wrap("count", dataset, address, e);
        }
    }

    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        for (Connection c : new Connection[] {writes, reads}) {
            try {
                if (!c.isClosed()) {
                    c.close();
                }
            } catch (SQLException e) {
                failure = SqlFailures.wrap("close", dataset, address, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
