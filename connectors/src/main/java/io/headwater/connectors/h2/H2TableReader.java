package io.headwater.connectors.h2;

import io.headwater.connectors.jdbc.JdbcTableReader;
import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.connectors.jdbc.SqlFailures;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DatasetReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads any table of an H2 database as a dataset (a {@link JdbcTableReader} with the H2 dialect).
 * Keeps one idle connection open while open, so an embedded database is not closed and reopened
 * between calls.
 *
 * <p>For a table an {@link H2AnalyticsSink} keeps, the reader stays on the generation that was live
 * when it opened ({@link TableGenerations}): a rebuild promoted meanwhile never mixes new rows into
 * what it reads. H2 drops the replaced generation at once, so such a reader fails (a scan already
 * running finishes on its snapshot) and must be reopened to see the new data. Thread-safe.
 */
public final class H2TableReader implements DatasetReader {
    private final String jdbcUrl;
    private final Dataset dataset;
    private final String checkpointKey;
    private final Connection keepAlive;
    private final JdbcTableReader reader;

    private H2TableReader(String jdbcUrl, Dataset dataset, String checkpointKey, Connection keepAlive, JdbcTableReader reader) {
        this.jdbcUrl = jdbcUrl;
        this.dataset = dataset;
        this.checkpointKey = checkpointKey;
        this.keepAlive = keepAlive;
        this.reader = reader;
    }

    /** Opens a reader of the dataset's table (its live generation, for a table a sink keeps). */
    public static H2TableReader open(String jdbcUrl, Dataset dataset) {
        return open(jdbcUrl, dataset, null);
    }

    /** Opens a reader of one generation of a sink's table, or of what the dataset's name shows when null. */
    static H2TableReader open(String jdbcUrl, Dataset dataset, TableGeneration generation) {
        String address = SqlFailures.address(jdbcUrl);
        Connection keep = null;
        try {
            keep = DriverManager.getConnection(jdbcUrl);
            TableGeneration g = generation != null ? generation : new TableGenerations(dataset).live(keep).orElse(null);
            Dataset stored = g == null ? dataset : g.of(dataset);
            return new H2TableReader(jdbcUrl, dataset, g == null ? dataset.physicalName() : g.checkpointKey(), keep,
                    JdbcTableReader.open(() -> DriverManager.getConnection(jdbcUrl), address, SqlDialect.H2, stored));
        } catch (SQLException e) {
            throw closed(keep, SqlFailures.wrap("open", dataset, address, e));
        } catch (RuntimeException e) {
            throw closed(keep, e);
        }
    }

    private static RuntimeException closed(Connection keep, RuntimeException failure) {
        if (keep != null) {
            try {
                keep.close();
            } catch (SQLException c) {
                failure.addSuppressed(c);
            }
        }
        return failure;
    }

    @Override
    public Dataset dataset() {
        return dataset;
    }

    @Override
    public long count() {
        return reader.count();
    }

    @Override
    public void scan(Consumer<Row> sink) {
        reader.scan(sink);
    }

    @Override
    public Optional<Row> lookup(Row key) {
        return reader.lookup(key);
    }

    /** The checkpoint committed with the data of the generation read (EMPTY when it has none). */
    public Checkpoint checkpoint() {
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            return TargetTable.CHECKPOINTS.read(c, checkpointKey);
        } catch (SQLException e) {
            throw SqlFailures.wrap("read checkpoint", dataset(), SqlFailures.address(jdbcUrl), e);
        }
    }

    @Override
    public void close() {
        try {
            keepAlive.close();
        } catch (SQLException e) {
            throw SqlFailures.wrap("close", dataset(), SqlFailures.address(jdbcUrl), e);
        }
    }
}
