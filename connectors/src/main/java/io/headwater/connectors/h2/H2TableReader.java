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
 * between calls. Thread-safe.
 */
public final class H2TableReader implements DatasetReader {
    private final String jdbcUrl;
    private final Connection keepAlive;
    private final JdbcTableReader reader;

    private H2TableReader(String jdbcUrl, Connection keepAlive, JdbcTableReader reader) {
        this.jdbcUrl = jdbcUrl;
        this.keepAlive = keepAlive;
        this.reader = reader;
    }

    public static H2TableReader open(String jdbcUrl, Dataset dataset) {
        String address = SqlFailures.address(jdbcUrl);
        Connection keep = null;
        try {
            keep = DriverManager.getConnection(jdbcUrl);
            return new H2TableReader(jdbcUrl, keep, JdbcTableReader.open(() -> DriverManager.getConnection(jdbcUrl), address, SqlDialect.H2, dataset));
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
        return reader.dataset();
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

    /** The checkpoint committed with the table's data (EMPTY when the table has none). */
    public Checkpoint checkpoint() {
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            return CheckpointTable.read(c, dataset().physicalName());
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
