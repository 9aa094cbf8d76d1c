package io.headwater.connectors.verify;

import io.headwater.connectors.jdbc.ConnectionSource;
import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.connectors.jdbc.SqlFailures;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.DatasetReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Any SQL table (PostgreSQL, MySQL/MariaDB, H2) read as records already in the compared form:
 * each {@link ReadField} read by its column's kind and converted by its {@link ColumnPairing}. Scans
 * stream in key order with a fetch size ({@code ORDER BY} with code point order for text:
 * {@code COLLATE "C"} in PostgreSQL, the bytes in MySQL), inside a transaction, in a session whose
 * time zone is UTC. An optional {@code WHERE} condition, in the database's own SQL, restricts every
 * query. Each call opens its own connection from the {@link ConnectionSource} and closes it.
 * Thread-safe.
 */
final class NormalisedTableReader implements DatasetReader {
    private static final int FETCH_SIZE = 5_000;

    private final ConnectionSource connections;
    private final String address;
    private final TableShape table;
    private final Dataset dataset;
    private final List<ReadField> fields;
    private final List<ReadField> keys;
    private final List<SqlColumn> selected = new ArrayList<>();
    private final String where;

    /**
     * @param dataset the records' dataset in compared terms: key and field names and logical types
     * @param fields  every field produced (key fields included)
     * @param where   a condition in the database's SQL, or null
     */
    NormalisedTableReader(ConnectionSource connections, String address, TableShape table, Dataset dataset, List<ReadField> fields, String where) {
        this.connections = connections;
        this.address = address;
        this.table = table;
        this.dataset = dataset;
        this.fields = List.copyOf(fields);
        this.keys = dataset.key().stream().map(k -> this.fields.stream().filter(f -> f.name().equals(k)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no read field for key " + k))).toList();
        for (ReadField f : this.fields) {
            if (selected.stream().noneMatch(c -> c.name().equals(f.column().name()))) {
                selected.add(f.column());
            }
        }
        this.where = where == null || where.isBlank() ? null : where;
    }

    @Override
    public Dataset dataset() {
        return dataset;
    }

    @Override
    public long count() {
        String sql = "SELECT COUNT(*) FROM " + table.qualifiedName() + condition("");
        try (Connection c = open(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("count", e);
        }
    }

    @Override
    public void scan(Consumer<Row> sink) {
        scan(0, sink);
    }

    /** Streams the records in key order; only the first {@code limit} when positive. */
    void scan(int limit, Consumer<Row> sink) {
        List<String> order = new ArrayList<>();
        for (ReadField k : keys) {
            order.add(table.dialect().orderBy(k.column().quoted(), k.column().kind().isText() ? FieldType.STRING : FieldType.INTEGER));
        }
        String sql = select() + condition("") + " ORDER BY " + String.join(", ", order) + (limit > 0 ? " LIMIT " + limit : "");
        try (Connection c = open()) {
            c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
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
            throw failure("scan", e);
        }
    }

    @Override
    public Optional<Row> lookup(Row key) {
        List<String> terms = new ArrayList<>();
        keys.forEach(k -> terms.add(k.column().quoted() + " = ?"));
        String sql = select() + condition(String.join(" AND ", terms));
        try (Connection c = open(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (ReadField k : keys) {
                bindKey(ps, i++, k.column().kind(), key.get(k.name()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("look up " + key.asMap() + "", e);
        }
    }

    /** A key value in its compared form bound as the column's own type (a UUID compared as text binds as a UUID). */
    private static void bindKey(PreparedStatement ps, int i, ColumnKind kind, Object v) throws SQLException {
        switch (kind) {
            case INTEGER -> ps.setLong(i, ((Number) v).longValue());
            case UUID -> ps.setObject(i, v instanceof UUID u ? u : UUID.fromString(v.toString()));
            case DATE -> ps.setObject(i, v instanceof LocalDate d ? d : LocalDate.parse(v.toString()));
            default -> ps.setString(i, v.toString());
        }
    }

    private String select() {
        return "SELECT " + String.join(", ", selected.stream().map(SqlColumn::quoted).toList()) + " FROM " + table.qualifiedName();
    }

    private String condition(String extra) {
        if (where == null) {
            return extra.isEmpty() ? "" : " WHERE " + extra;
        }
        return " WHERE (" + where + ")" + (extra.isEmpty() ? "" : " AND " + extra);
    }

    private Row row(ResultSet rs) throws SQLException {
        Map<String, Object> raw = new LinkedHashMap<>();
        for (int i = 0; i < selected.size(); i++) {
            SqlColumn c = selected.get(i);
            raw.put(c.name(), c.kind().read(rs, i + 1, c.dialect()));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ReadField f : fields) {
            values.put(f.name(), f.value(raw.get(f.column().name())));
        }
        return Row.of(values);
    }

    private Connection open() throws SQLException {
        Connection c = connections.open();
        try (Statement s = c.createStatement()) {
            // TIMESTAMP columns of MySQL and text renderings everywhere in UTC.
            s.execute(table.dialect() == SqlDialect.MYSQL ? "SET time_zone = '+00:00'" : "SET TIME ZONE 'UTC'");
        } catch (SQLException e) {
            try {
                c.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return c;
    }

    private RuntimeException failure(String what, SQLException e) {
        return SqlFailures.wrap(what, dataset, address, e);
    }

    /** Nothing to release: connections are closed after each call. */
    @Override
    public void close() {
        // Each operation closes its own connection.
    }

    @Override
    public String toString() {
        return "NormalisedTableReader[" + table.displayName() + " at " + address + "]";
    }
}
