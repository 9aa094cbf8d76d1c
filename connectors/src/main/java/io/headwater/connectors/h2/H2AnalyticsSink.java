package io.headwater.connectors.h2;

import io.headwater.connectors.jdbc.SqlFailures;
import io.headwater.connectors.mvstore.TargetChange;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.StoreEdit;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A derived dataset kept as a table in an H2 database (embedded file, e.g.
 * {@code jdbc:h2:file:<dir>/analytics;AUTO_SERVER=TRUE}; several sinks may share the database, each
 * with its own connections). Creates the table from the dataset (types in
 * {@link io.headwater.connectors.jdbc.SqlDialect#H2}, identifiers upper-cased, the key as primary
 * key) and {@code HEADWATER_CHECKPOINTS}. Each batch is one JDBC transaction holding the data and
 * the checkpoint row. Scalar flows upsert with MERGE; aggregating flows go through a staging table
 * ({@link AggregateTableWriter}), except a flow declared {@code apply: naive}, which folds events
 * into the totals as they come and so counts a re-delivered event twice
 * ({@link NaiveAggregateTableWriter}, deliberately wrong, for the exactly-once demonstration).
 *
 * <p>The data lives in generation tables ({@code BALANCES_G0}, {@code BALANCES_G1} ...) behind a
 * view named like the dataset ({@code BALANCES}), so that a rebuild can fill a shadow generation
 * and {@link #promote} it with one {@code CREATE OR REPLACE VIEW} ({@link TableGenerations}). A
 * database written before rebuilds existed keeps its plain table until the first
 * {@link #openShadow()} moves it aside.
 *
 * <p>Not thread-safe for {@link #apply}: one consumer thread applies. {@link #checkpoint()} and
 * {@link #count()} may be called from other threads; they see committed data only.
 */
public final class H2AnalyticsSink implements DerivedSink {
    private static final Logger LOG = LoggerFactory.getLogger(H2AnalyticsSink.class);

    private final String jdbcUrl;
    private final String address;
    private final Dataset dataset;
    private final Flow flow;
    private final TableGenerations generations;
    private final Connection writes;
    private final Connection reads;
    private volatile TableGeneration generation;
    private volatile Checkpoint checkpoint;
    private volatile boolean replaced;
    private TableWriter writer;

    private H2AnalyticsSink(String jdbcUrl, Dataset dataset, Flow flow, Connection writes, Connection reads) {
        this.jdbcUrl = jdbcUrl;
        this.address = SqlFailures.address(jdbcUrl);
        this.dataset = dataset;
        this.flow = flow;
        this.generations = new TableGenerations(dataset);
        this.writes = writes;
        this.reads = reads;
    }

    /** Connects, and creates the dataset's table(s), view and the checkpoint table when absent. */
    public static H2AnalyticsSink open(String jdbcUrl, Dataset dataset, Flow flow) {
        return connect(jdbcUrl, dataset, flow, null);
    }

    /** Connects to {@code generation} (creating its tables when absent), or to the live one when null. */
    private static H2AnalyticsSink connect(String jdbcUrl, Dataset dataset, Flow flow, TableGeneration generation) {
        writerOf(dataset, flow); // refuses a flow the dataset cannot hold before connecting
        Connection writes = null;
        Connection reads = null;
        try {
            writes = DriverManager.getConnection(jdbcUrl);
            reads = DriverManager.getConnection(jdbcUrl);
            H2AnalyticsSink sink = new H2AnalyticsSink(jdbcUrl, dataset, flow, writes, reads);
            sink.settle(generation);
            return sink;
        } catch (SQLException e) {
            RuntimeException failure = SqlFailures.wrap("open", generation == null ? dataset : generation.of(dataset), SqlFailures.address(jdbcUrl), e);
            closeQuietly(reads, failure);
            closeQuietly(writes, failure);
            throw failure;
        } catch (RuntimeException e) {
            closeQuietly(reads, e);
            closeQuietly(writes, e);
            throw e;
        }
    }

    private void settle(TableGeneration requested) throws SQLException {
        TargetTable.CHECKPOINTS.create(writes);
        TableGeneration g = requested;
        if (g == null) {
            g = generations.settle(writes, this::createTables);
        } else {
            createTables(writes, g);
        }
        use(g);
        writes.setAutoCommit(false);
        checkpoint = TargetTable.CHECKPOINTS.read(writes, g.checkpointKey());
        writes.commit();
    }

    private static TableWriter writerOf(Dataset stored, Flow flow) {
        if (!flow.isAggregate()) {
            return new RowTableWriter(stored, flow);
        }
        return flow.isNaive() ? new NaiveAggregateTableWriter(stored, flow) : new AggregateTableWriter(stored, flow);
    }

    private void createTables(Connection c, TableGeneration g) throws SQLException {
        writerOf(g.of(dataset), flow).create(c);
    }

    private synchronized void use(TableGeneration g) {
        generation = g;
        writer = writerOf(g.of(dataset), flow);
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

    /** The physical name of the table this sink writes (its generation). */
    public String tableName() {
        return generation.physicalName();
    }

    @Override
    public Checkpoint checkpoint() {
        return checkpoint;
    }

    @Override
    public synchronized void apply(List<ChangeEvent> events, Checkpoint through) {
        requireNotReplaced();
        try {
            writer.apply(writes, events);
            TargetTable.CHECKPOINTS.write(writes, generation.checkpointKey(), through);
            writes.commit();
            checkpoint = through;
        } catch (SQLException e) {
            throw rolledBack(failure("apply batch through " + through.encode(), e));
        } catch (RuntimeException e) {
            throw rolledBack(e);
        }
    }

    /** Writes rows straight into the target table (even of an aggregate), keeping the checkpoint. */
    @Override
    public synchronized void tamper(List<StoreEdit> edits) {
        requireNotReplaced();
        try {
            new RowTableWriter(generation.of(dataset), flow).write(writes, edits.stream().map(e -> new TargetChange(e.key(), e.row())).toList());
            writes.commit();
        } catch (SQLException e) {
            throw rolledBack(failure("tamper", e));
        }
    }

    /** A reader of this sink's generation (even when that is a shadow). */
    @Override
    public H2TableReader reader() {
        return H2TableReader.open(jdbcUrl, dataset, generation);
    }

    /**
     * Opens the shadow generation: the table numbered above the live one if present (a rebuild was
     * interrupted), else a new one. A shadow without a committed checkpoint is recreated from nothing,
     * whatever an interrupted creation or discard left in it. Moves an in-place table aside first.
     */
    @Override
    public synchronized DerivedSink openShadow() {
        TableGeneration shadow;
        try {
            TableGeneration live = requireLive();
            if (live.inPlace()) {
                use(generations.moveAside(writes, this::createTables));
                live = generation;
            }
            int n = live.number() + 1;
            for (int present : generations.numbers(writes)) {
                n = Math.max(n, present);
            }
            shadow = TableGeneration.of(dataset.physicalName(), n);
            if (TargetTable.CHECKPOINTS.read(writes, shadow.checkpointKey()).equals(Checkpoint.EMPTY)) {
                generations.drop(writes, shadow);
            }
            writes.commit();
        } catch (SQLException e) {
            throw rolledBack(failure("open shadow", e));
        }
        return connect(jdbcUrl, dataset, flow, shadow);
    }

    @Override
    public synchronized boolean hasShadow() {
        try {
            TableGeneration live = generations.live(writes).orElse(null);
            boolean found = live != null && generations.numbers(writes).stream().anyMatch(n -> n > live.number());
            writes.commit();
            return found;
        } catch (SQLException e) {
            throw rolledBack(failure("look up shadow", e));
        }
    }

    /**
     * Points the view at the shadow's table (one DDL statement: the switch), then drops this sink's
     * generation. If dropping fails the promotion still holds; the next open drops the leftover.
     */
    @Override
    public synchronized void promote(DerivedSink shadow) {
        TableGeneration next = requireShadowOfThis(shadow);
        try {
            TableGeneration live = requireLive();
            if (next.number() <= live.number()) {
                throw new StoreException("table " + next.physicalName() + " at " + address + " is not a shadow of " + dataset.physicalName());
            }
            generations.pointAt(writes, next);
        } catch (SQLException e) {
            throw rolledBack(failure("promote " + next.physicalName(), e));
        }
        replaced = true;
        try {
            generations.drop(writes, generation);
        } catch (SQLException e) {
            LOG.warn("{} at {} promoted to {}; dropping the replaced {} failed and is retried when the dataset is next opened",
                    dataset.ref(), address, next.physicalName(), generation.physicalName(), failure("drop replaced generation", e));
        }
    }

    /**
     * Names the view, the live generation table and the shadow's (the one present above the live, or
     * the one {@link #openShadow()} would create), and the one statement that switches them.
     */
    @Override
    public String swapStep() {
        String view = "H2 " + address + ": one CREATE OR REPLACE VIEW " + dataset.physicalName();
        try {
            TableGeneration live = generations.live(reads).orElse(generation);
            int n = live.number() + 1;
            for (int present : generations.numbers(reads)) {
                n = Math.max(n, present);
            }
            String liveTable = live.inPlace() ? TableGeneration.of(dataset.physicalName(), 0).physicalName() + " (the table "
                    + dataset.physicalName() + " moved aside)" : live.physicalName();
            String shadowTable = TableGeneration.of(dataset.physicalName(), n).physicalName();
            return view + " switches it from the live table " + liveTable + " to the shadow table " + shadowTable + "; the old table is then dropped";
        } catch (SQLException e) {
            LOG.warn("{} at {}: the swap step names no tables because the generations cannot be read: {}", dataset.ref(), address, e.toString());
            return view + " switches it from the live generation table to the shadow's (" + e.getMessage() + ")";
        }
    }

    /** Drops every generation above the live one; the live one is untouched. Close the shadow sink first. */
    @Override
    public synchronized void discardShadow() {
        try {
            int live = requireLive().number();
            for (int n : generations.numbers(writes)) {
                if (n > live) {
                    generations.drop(writes, TableGeneration.of(dataset.physicalName(), n));
                }
            }
            writes.commit();
        } catch (SQLException e) {
            throw rolledBack(failure("discard shadow", e));
        }
    }

    /** This sink's generation, if it is the live one. */
    private TableGeneration requireLive() throws SQLException {
        TableGeneration live = generations.live(writes).orElse(null);
        if (replaced || !generation.equals(live)) {
            throw new StoreException("table " + generation.physicalName() + " at " + address + " is not the live generation of "
                    + dataset.ref() + " (" + (live == null ? "none is" : live.physicalName() + " is") + ")");
        }
        return live;
    }

    private TableGeneration requireShadowOfThis(DerivedSink shadow) {
        if (shadow instanceof H2AnalyticsSink s && s != this && s.jdbcUrl.equals(jdbcUrl) && s.dataset.physicalName().equals(dataset.physicalName())) {
            return s.generation;
        }
        throw new StoreException(shadow.dataset().ref() + " is not a shadow opened by the sink of " + dataset.physicalName() + " at " + address);
    }

    private void requireNotReplaced() {
        if (replaced) {
            throw new StoreException("table " + generation.physicalName() + " at " + address + " was replaced by a rebuild; write through the promoted sink");
        }
    }

    private RuntimeException failure(String what, SQLException e) {
        return SqlFailures.wrap(what, generation == null ? dataset : generation.of(dataset), address, e);
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
        try (PreparedStatement ps = reads.prepareStatement("SELECT COUNT(*) FROM " + generation.table());
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("count", e);
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
                failure = failure("close", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
