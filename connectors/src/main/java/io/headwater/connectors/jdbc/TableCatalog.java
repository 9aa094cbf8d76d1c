package io.headwater.connectors.jdbc;

import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What PostgreSQL's or MySQL's {@code information_schema} says about the tables a
 * {@link SqlTableSink} keeps: whether a table is there, and whether a table that is there can hold
 * a dataset. Names are the folded ones of {@link TableLayout}; a null schema is the connection's
 * current schema (PostgreSQL {@code current_schema()}, MySQL {@code database()}). Stateless apart
 * from the dialect; uses the caller's connection. Thread-safe.
 */
final class TableCatalog {
    private final SqlDialect dialect;
    private final TableLayout layout;

    TableCatalog(SqlDialect dialect) {
        this.dialect = dialect;
        this.layout = new TableLayout(dialect);
    }

    private String schemaTerm() {
        return "COALESCE(?, " + (dialect == SqlDialect.MYSQL ? "DATABASE()" : "CURRENT_SCHEMA()") + ")";
    }

    /** Whether the base table {@code physicalName} exists. */
    boolean exists(Connection c, String physicalName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM information_schema.tables WHERE table_schema = " + schemaTerm()
                + " AND table_name = ? AND table_type = 'BASE TABLE'")) {
            ps.setString(1, layout.schemaOf(physicalName));
            ps.setString(2, layout.nameOf(physicalName));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Creates {@code table} unless present: from the dataset's fields, or {@code LIKE} the table of
     * {@code like} when given (PostgreSQL {@code INCLUDING ALL}: defaults, constraints, indexes);
     * then checks that it fits the dataset ({@link #requireFits}). Commits.
     */
    void ensure(Connection c, Dataset table, Dataset like, String address) throws SQLException {
        if (!exists(c, table.physicalName())) {
            try (Statement s = c.createStatement()) {
                if (like == null) {
                    s.execute(layout.createDdl(table));
                } else if (dialect == SqlDialect.MYSQL) {
                    s.execute("CREATE TABLE " + layout.table(table.physicalName()) + " LIKE " + layout.table(like.physicalName()));
                } else {
                    s.execute("CREATE TABLE " + layout.table(table.physicalName()) + " (LIKE " + layout.table(like.physicalName()) + " INCLUDING ALL)");
                }
            }
            c.commit();
        }
        requireFits(c, table, address);
        c.commit();
    }

    /**
     * Checks that the existing table {@code dataset.physicalName()} has a column for every field
     * (its name folded, case ignored) and no other column a row of the dataset could not fill (NOT
     * NULL without a default).
     *
     * @throws StoreException naming the table, the address and the column
     */
    void requireFits(Connection c, Dataset dataset, String address) throws SQLException {
        List<String[]> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, is_nullable, column_default FROM information_schema.columns"
                + " WHERE table_schema = " + schemaTerm() + " AND table_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, layout.schemaOf(dataset.physicalName()));
            ps.setString(2, layout.nameOf(dataset.physicalName()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
        }
        String where = "table " + dataset.physicalName() + " at " + address;
        String present = columns.stream().map(col -> col[0]).collect(Collectors.joining(", "));
        for (Field f : dataset.fields()) {
            String wanted = dialect.fold(f.name());
            if (columns.stream().noneMatch(col -> col[0].equalsIgnoreCase(wanted))) {
                throw new StoreException(where + " exists without column '" + wanted + "' for field " + f.name() + " of " + dataset.ref()
                        + " (it has " + present + "): add the column, drop the table, or map the dataset to another table");
            }
        }
        for (String[] col : columns) {
            boolean known = dataset.fields().stream().anyMatch(f -> dialect.fold(f.name()).equalsIgnoreCase(col[0]));
            if (!known && "NO".equals(col[1].toUpperCase(Locale.ROOT)) && col[2] == null) {
                throw new StoreException(where + " has column '" + col[0] + "', NOT NULL without a default, which no field of "
                        + dataset.ref() + " fills: give it a default, make it nullable, or drop it");
            }
        }
    }
}
