package io.headwater.connectors.jdbc;

import io.headwater.connectors.mvstore.TargetChange;
import io.headwater.engine.ConnectionException;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.StoreEdit;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * A derived dataset kept as a table in PostgreSQL or MySQL/MariaDB, with the semantics of a JDBC
 * sink connector: a create, update or snapshot read upserts the mapped row by key
 * ({@link SqlDialect#upsert}), a delete removes the key, and each batch commits in one transaction
 * together with the flow's checkpoint in {@code headwater_checkpoints} beside the table
 * ({@link CheckpointTable}). The table is created from the dataset's field types when absent
 * ({@link TableLayout}: names folded as the database folds them, the key as primary key); a table
 * that exists must have a column per field ({@link TableCatalog}). Scalar flows only.
 *
 * <p>Rebuild: {@link #openShadow()} fills {@code <table>__hw_shadow} (created {@code LIKE} the live
 * table, so the user's indexes come along) with its own checkpoint row, reopened as committed after
 * an interruption; {@link #promote} swaps it in by renaming ({@link RenameSwap}) and keeps the
 * previous table as {@code <table>__hw_prev_<UTC time>} for the user to drop.
 *
 * <p>A lost connection (the server restarted) is opened again on the next call, and the
 * checkpoint taken again from the table.
 *
 * <p>Not thread-safe for {@link #apply}: one consumer thread applies. {@link #checkpoint()} and
 * {@link #count()} may be called from other threads; they see committed data only.
 */
public final class SqlTableSink implements DerivedSink {
    private final JdbcEndpoint endpoint;
    private final SqlDialect dialect;
    private final Dataset dataset;
    private final Flow flow;
    private final CheckpointTable checkpoints;
    private final TableCatalog catalog;
    private final RenameSwap swap;
    private final SinkConnections connections;
    private volatile Dataset stored;
    private volatile Checkpoint checkpoint;
    private volatile boolean replaced;
    private SqlTableSink shadowOf;
    private RowUpserts rows;
    private String previous;

    private SqlTableSink(JdbcEndpoint endpoint, Dataset dataset, Flow flow, SqlTableSink shadowOf) {
        this.endpoint = endpoint;
        this.dialect = endpoint.dialect();
        this.dataset = dataset;
        this.flow = flow;
        this.checkpoints = CheckpointTable.beside(dialect, dataset.physicalName());
        this.catalog = new TableCatalog(dialect);
        this.swap = new RenameSwap(dialect, checkpoints, dataset.physicalName());
        this.connections = new SinkConnections(endpoint);
        this.shadowOf = shadowOf;
        bind(shadowOf == null ? dataset : storedAs(dataset, swap.shadow()));
    }

    /**
     * Connects with a writable connection, finishes a swap a crash interrupted, and creates the
     * checkpoint table and the dataset's table when absent.
     *
     * @throws StoreException for an aggregating flow, or a table that cannot hold the dataset
     */
    public static SqlTableSink open(JdbcEndpoint endpoint, Dataset dataset, Flow flow) {
        if (endpoint.dialect() == SqlDialect.H2) {
            throw new StoreException("an h2 table is kept by the h2 analytics sink, not " + SqlTableSink.class.getSimpleName());
        }
        if (flow.isAggregate()) {
            throw new StoreException("flow " + flow.id() + " aggregates: Headwater keeps aggregating flows in h2 tables only, not in table "
                    + dataset.physicalName() + " at " + endpoint.displayAddress());
        }
        return connect(endpoint, dataset, flow, null);
    }

    private static SqlTableSink connect(JdbcEndpoint endpoint, Dataset dataset, Flow flow, SqlTableSink shadowOf) {
        SqlTableSink sink = new SqlTableSink(endpoint, dataset, flow, shadowOf);
        try {
            sink.connections.open();
            sink.settle();
            return sink;
        } catch (SQLException e) {
            RuntimeException failure = SqlFailures.wrap("open", dataset, endpoint.displayAddress(), e);
            sink.connections.closeQuietly(failure);
            throw failure;
        } catch (RuntimeException e) {
            sink.connections.closeQuietly(e);
            throw e;
        }
    }

    /** As {@link #reconnectIfBroken()}, after asking the server whether the connection still holds. */
    private void ensureConnected() {
        connections.check();
        reconnectIfBroken();
    }

    /**
     * After a lost connection (the server restarted, the network failed), opens new connections and
     * takes the checkpoint again from the table: a batch whose commit was cut off may have landed or
     * not, and the table says which.
     */
    private void reconnectIfBroken() {
        try {
            if (connections.reopenIfBroken()) {
                checkpoint = checkpoints.read(connections.writes(), stored.physicalName());
                connections.writes().commit();
            }
        } catch (SQLException e) {
            throw failure("reconnect", e);
        }
    }

    private void settle() throws SQLException {
        try {
            checkpoints.create(connections.writes());
            connections.writes().commit();
        } catch (SQLException e) {
            // Two sinks creating the table at once: PostgreSQL's IF NOT EXISTS can still fail for the second.
            connections.writes().rollback();
            if (!catalog.exists(connections.writes(), checkpoints.physicalName())) {
                throw e;
            }
        }
        if (shadowOf == null) {
            swap.recover(connections.writes(), catalog);
            ensureTable(stored, null);
        }
        checkpoint = checkpoints.read(connections.writes(), stored.physicalName());
        connections.writes().commit();
    }

    private void ensureTable(Dataset table, Dataset like) throws SQLException {
        catalog.ensure(connections.writes(), table, like, endpoint.displayAddress());
    }

    private static Dataset storedAs(Dataset dataset, String physicalName) {
        return new Dataset(dataset.ref(), physicalName, dataset.key(), dataset.fields(), dataset.timestampField());
    }

    private void bind(Dataset table) {
        stored = table;
        rows = new RowUpserts(table, dialect);
    }

    @Override
    public Dataset dataset() {
        return dataset;
    }

    @Override
    public Flow flow() {
        return flow;
    }

    /** The physical name of the table this sink writes now (the shadow's, for a shadow not yet swapped in). */
    public String tableName() {
        return stored.physicalName();
    }

    @Override
    public Checkpoint checkpoint() {
        return checkpoint;
    }

    @Override
    public synchronized void apply(List<ChangeEvent> events, Checkpoint through) {
        requireNotReplaced();
        reconnectIfBroken();
        try {
            rows.write(connections.writes(), TargetChange.of(events, flow, dataset));
            checkpoints.write(connections.writes(), stored.physicalName(), through);
            connections.writes().commit();
            checkpoint = through;
        } catch (SQLException e) {
            throw rolledBack(failure("apply batch through " + through.encode(), e));
        } catch (RuntimeException e) {
            throw rolledBack(e);
        }
    }

    /** Writes rows straight into the table, keeping the checkpoint. */
    @Override
    public synchronized void tamper(List<StoreEdit> edits) {
        requireNotReplaced();
        reconnectIfBroken();
        try {
            rows.write(connections.writes(), edits.stream().map(e -> new TargetChange(e.key(), e.row())).toList());
            connections.writes().commit();
        } catch (SQLException e) {
            throw rolledBack(failure("tamper", e));
        }
    }

    /** A reader of this sink's table (the shadow's, for a shadow), on read-only connections of its own. */
    @Override
    public DatasetReader reader() {
        return JdbcTableReader.open(endpoint.readOnly(), endpoint.displayAddress(), dialect, stored);
    }

    @Override
    public synchronized long count() {
        ensureConnected();
        try (PreparedStatement ps = connections.reads().prepareStatement("SELECT COUNT(*) FROM " + new TableLayout(dialect).table(stored.physicalName()));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("count", e);
        }
    }

    /**
     * Opens {@code <table>__hw_shadow}: as committed when it has a checkpoint (an interrupted rebuild
     * resumes), else created afresh like the live table, whatever an interrupted creation or discard
     * left in it.
     */
    @Override
    public synchronized DerivedSink openShadow() {
        requireLive();
        ensureConnected();
        swap.requireNamesFit(endpoint.displayAddress());
        Dataset shadow = storedAs(dataset, swap.shadow());
        try {
            if (checkpoints.read(connections.writes(), shadow.physicalName()).equals(Checkpoint.EMPTY)) {
                dropShadow();
                ensureTable(shadow, dataset);
            } else {
                catalog.requireFits(connections.writes(), shadow, endpoint.displayAddress());
            }
            connections.writes().commit();
        } catch (SQLException e) {
            throw rolledBack(failure("open shadow " + shadow.physicalName(), e));
        }
        return connect(endpoint, dataset, flow, this);
    }

    @Override
    public synchronized boolean hasShadow() {
        ensureConnected();
        try {
            boolean found = catalog.exists(connections.writes(), swap.shadow());
            connections.writes().commit();
            return found;
        } catch (SQLException e) {
            throw rolledBack(failure("look up shadow", e));
        }
    }

    /** The name the live table will take when a shadow is swapped in (fixed at the first ask). */
    private synchronized String previous() {
        if (previous == null) {
            previous = swap.previous(Instant.now());
        }
        return previous;
    }

    @Override
    public String swapStep() {
        return "at " + endpoint.displayAddress() + ", " + swap.describe(previous());
    }

    /**
     * Renames the live table aside and the shadow to the live name ({@link RenameSwap}); the shadow
     * sink serves the table from now on, and this one must not be used any more.
     */
    @Override
    public synchronized void promote(DerivedSink shadow) {
        requireLive();
        if (!(shadow instanceof SqlTableSink s) || s.shadowOf != this) {
            throw new StoreException(shadow.dataset().ref() + " is not a shadow opened by the sink of " + dataset.physicalName() + " at "
                    + endpoint.displayAddress());
        }
        String prev = previous();
        ensureConnected();
        try {
            if (catalog.exists(connections.writes(), prev)) {
                throw new StoreException("table " + prev + " at " + endpoint.displayAddress() + " exists already; the previous table of "
                        + dataset.physicalName() + " cannot take its name: drop or rename it");
            }
            synchronized (s) {
                swap.swap(connections.writes(), prev, checkpoint, s.checkpoint);
                s.becomeLive();
            }
        } catch (SQLException e) {
            throw rolledBack(failure("swap in " + swap.shadow(), e));
        }
        replaced = true;
    }

    private void becomeLive() {
        shadowOf = null;
        bind(dataset);
    }

    /** Drops the shadow table and its checkpoint row; the live table is untouched. Close the shadow sink first. */
    @Override
    public synchronized void discardShadow() {
        requireLive();
        ensureConnected();
        try {
            dropShadow();
            connections.writes().commit();
        } catch (SQLException e) {
            throw rolledBack(failure("discard shadow", e));
        }
    }

    /** The checkpoint row first: a shadow table without one is recreated from nothing when next opened. */
    private void dropShadow() throws SQLException {
        checkpoints.delete(connections.writes(), swap.shadow());
        connections.writes().commit();
        try (Statement s = connections.writes().createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + new TableLayout(dialect).table(swap.shadow()));
        }
        connections.writes().commit();
    }

    private void requireLive() {
        if (replaced || shadowOf != null) {
            throw new StoreException("table " + stored.physicalName() + " at " + endpoint.displayAddress() + " is not the live table of "
                    + dataset.ref() + (replaced ? ": a rebuild replaced it" : ": it is a rebuild's shadow"));
        }
    }

    private void requireNotReplaced() {
        if (replaced) {
            throw new StoreException("table " + dataset.physicalName() + " at " + endpoint.displayAddress()
                    + " was replaced by a rebuild; write through the promoted sink");
        }
    }

    private RuntimeException failure(String what, SQLException e) {
        RuntimeException failure = SqlFailures.wrap(what, stored, endpoint.displayAddress(), e);
        if (failure instanceof ConnectionException) {
            connections.markBroken();
        }
        return failure;
    }

    private RuntimeException rolledBack(RuntimeException failure) {
        if (connections.broken()) {
            return failure;
        }
        try {
            connections.writes().rollback();
        } catch (SQLException r) {
            failure.addSuppressed(r);
        }
        return failure;
    }

    @Override
    public synchronized void close() {
        try {
            connections.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }
}
