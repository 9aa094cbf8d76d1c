package io.headwater.connectors.jdbc;

import io.headwater.connectors.mvstore.LogicalValues;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.DatasetReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads any SQL table as a dataset, through plain JDBC: count, scan ordered by the key columns
 * (strings in code point order), point lookups. Table and column names are matched to the
 * database's spelling once, at open ({@link ResolvedTable}). Each call takes its own connection
 * from the {@link ConnectionSource} and closes it; scans stream with a fetch size inside a
 * read-only transaction, so large tables are not held in memory. Thread-safe.
 */
public final class JdbcTableReader implements DatasetReader {
    private static final int FETCH_SIZE = 1000;

    private final ConnectionSource connections;
    private final String address;
    private final SqlDialect dialect;
    private final Dataset dataset;
    private final ResolvedTable table;
    private final String where;

    private JdbcTableReader(ConnectionSource connections, String address, SqlDialect dialect, Dataset dataset, ResolvedTable table) {
        this.connections = connections;
        this.address = address;
        this.dialect = dialect;
        this.dataset = dataset;
        this.table = table;
        List<String> terms = new ArrayList<>();
        for (String k : dataset.key()) {
            terms.add(table.columns().get(k).quotedName() + " = ?");
        }
        this.where = String.join(" AND ", terms);
    }

    /**
     * Resolves the dataset's table; fails with a {@link StoreException} when it or a column is missing.
     *
     * @param address where the database is, for messages (a URL without secrets)
     */
    public static JdbcTableReader open(ConnectionSource connections, String address, SqlDialect dialect, Dataset dataset) {
        try (Connection c = connections.open()) {
            return new JdbcTableReader(connections, address, dialect, dataset, ResolvedTable.resolve(c, dataset, dialect));
        } catch (SQLException e) {
            throw SqlFailures.wrap("open", dataset, address, e);
        }
    }

    @Override
    public Dataset dataset() {
        return dataset;
    }

    @Override
    public long count() {
        try (Connection c = connections.open(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table.qualifiedName());
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("count", dataset, e);
        }
    }

    @Override
    public void scan(Consumer<Row> sink) {
        List<String> order = new ArrayList<>();
        for (Field k : dataset.keyFields()) {
            order.add(dialect.orderBy(table.columns().get(k.name()).quotedName(), k.type()));
        }
        String sql = "SELECT " + table.selectList() + " FROM " + table.qualifiedName() + " ORDER BY " + String.join(", ", order);
        try (Connection c = connections.open()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(FETCH_SIZE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(row(rs));
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw failure("scan", dataset, e);
        }
    }

    @Override
    public Optional<Row> lookup(Row key) {
        String sql = "SELECT " + table.selectList() + " FROM " + table.qualifiedName() + " WHERE " + where;
        try (Connection c = connections.open(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (Field k : dataset.keyFields()) {
                JdbcValues.bind(ps, i++, k.type(), LogicalValues.coerce(key.get(k.name()), k.type()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("lookup", dataset, e);
        }
    }

    private Row row(ResultSet rs) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>();
        int i = 1;
        for (ResolvedTable.Column col : table.columns().values()) {
            values.put(col.field().name(), JdbcValues.read(rs, i++, col.field().type(), col.jdbcType()));
        }
        return Row.of(values);
    }

    private RuntimeException failure(String what, Dataset dataset, SQLException e) {
        return SqlFailures.wrap(what, dataset, address, e);
    }

    /** Nothing to release: connections are closed after each call. */
    @Override
    public void close() {
        // Each operation closes its own connection.
    }
}
