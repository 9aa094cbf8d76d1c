package io.headwater.connectors.verify;

import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.engine.StoreException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A table's columns as its database's metadata describes them, found by the name a user or config
 * gives ({@code schema.table} or {@code table}), exactly or else in upper or lower case (so
 * {@code customers} finds H2's {@code CUSTOMERS}). A name without schema is looked up in the
 * connection's current schema (PostgreSQL {@code public}, H2 {@code PUBLIC}); in MySQL the schema is
 * the connection's database, and {@code db.table} names another one.
 *
 * @param dialect       the database's dialect
 * @param qualifiedName the quoted, possibly qualified table name, ready for SQL
 * @param displayName   the name as the database spells it, for messages
 * @param columns       every column, in table order
 */
public record TableShape(SqlDialect dialect, String qualifiedName, String displayName, List<SqlColumn> columns) {
    public TableShape {
        columns = List.copyOf(columns);
    }

    /** Reads the shape of {@code name}; a {@link StoreException} when there is no such table. */
    public static TableShape read(Connection c, SqlDialect dialect, String name, String address) throws SQLException {
        int dot = name.lastIndexOf('.');
        String schema = dot < 0 ? null : name.substring(0, dot);
        String table = name.substring(dot + 1);
        DatabaseMetaData md = c.getMetaData();
        String[][] candidates = {{schema, table}, {upper(schema), upper(table)}, {lower(schema), lower(table)}};
        for (String[] cand : candidates) {
            String catalog = dialect == SqlDialect.MYSQL ? (cand[0] == null ? c.getCatalog() : cand[0]) : null;
            String schemaPattern = dialect == SqlDialect.MYSQL ? null : (cand[0] == null ? c.getSchema() : cand[0]);
            List<SqlColumn> cols = new ArrayList<>();
            String[] spelled = new String[2];
            try (ResultSet rs = md.getColumns(catalog, escape(schemaPattern, md), escape(cand[1], md), "%")) {
                while (rs.next()) {
                    int digits = rs.getInt("DECIMAL_DIGITS");
                    cols.add(new SqlColumn(rs.getString("COLUMN_NAME"), dialect, rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"),
                            rs.getInt("COLUMN_SIZE"), rs.wasNull() ? -1 : digits));
                    spelled[0] = dialect == SqlDialect.MYSQL ? rs.getString("TABLE_CAT") : rs.getString("TABLE_SCHEM");
                    spelled[1] = rs.getString("TABLE_NAME");
                }
            }
            if (!cols.isEmpty()) {
                boolean qualify = cand[0] != null;
                String quoted = (qualify ? dialect.quoteIdentifier(spelled[0]) + "." : "") + dialect.quoteIdentifier(spelled[1]);
                return new TableShape(dialect, quoted, (qualify ? spelled[0] + "." : "") + spelled[1], cols);
            }
        }
        throw new StoreException("table " + name + " does not exist at " + address);
    }

    /** The column of this name: exactly, or else ignoring case. */
    public Optional<SqlColumn> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst()
                .or(() -> columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst());
    }

    /** The column of this name, or a {@link StoreException} naming the table. */
    public SqlColumn require(String name) {
        return column(name).orElseThrow(() -> new StoreException("table " + displayName + " has no column '" + name + "'"));
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static String escape(String pattern, DatabaseMetaData md) throws SQLException {
        String esc = md.getSearchStringEscape();
        if (pattern == null || esc == null || esc.isEmpty()) {
            return pattern;
        }
        return pattern.replace(esc, esc + esc).replace("_", esc + "_").replace("%", esc + "%");
    }
}
