package io.headwater.connectors.jdbc;

import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A dataset's table as the database spells it: the physical name and each field matched to a real
 * column, exactly or else ignoring case (so {@code id} finds H2's {@code ID} and PostgreSQL's
 * {@code id}), with the column's JDBC type.
 *
 * @param qualifiedName the quoted, possibly schema-qualified table name, ready for SQL
 * @param columns       per dataset field (in dataset order): the quoted column name and JDBC type
 */
public record ResolvedTable(String qualifiedName, Map<String, Column> columns) {

    /** One matched column. */
    public record Column(Field field, String quotedName, int jdbcType) {
    }

    /** Resolves in PostgreSQL or H2 (ANSI quotes). */
    public static ResolvedTable resolve(Connection c, Dataset dataset) throws SQLException {
        return resolve(c, dataset, SqlDialect.POSTGRES);
    }

    /**
     * Resolves in {@code dialect}: names quoted for it; in MySQL the schema part is the database (a
     * JDBC catalog), and a name without one is looked up in the connection's database only.
     */
    public static ResolvedTable resolve(Connection c, Dataset dataset, SqlDialect dialect) throws SQLException {
        String physical = dataset.physicalName();
        int dot = physical.lastIndexOf('.');
        String schema = dot < 0 ? null : physical.substring(0, dot);
        String table = physical.substring(dot + 1);
        DatabaseMetaData md = c.getMetaData();
        boolean mysql = dialect == SqlDialect.MYSQL;
        for (String[] candidate : candidates(schema, table)) {
            List<String[]> cols = mysql ? columns(md, candidate[0] == null ? c.getCatalog() : candidate[0], null, candidate[1])
                    : columns(md, null, candidate[0], candidate[1]);
            if (!cols.isEmpty()) {
                String owner = mysql ? cols.get(0)[4] : cols.get(0)[2];
                String name = (candidate[0] == null ? "" : dialect.quoteIdentifier(owner) + ".") + dialect.quoteIdentifier(cols.get(0)[3]);
                return new ResolvedTable(name, match(dataset, cols, dialect));
            }
        }
        throw new StoreException("table " + physical + " for " + dataset.ref() + " does not exist");
    }

    private static List<String[]> candidates(String schema, String table) {
        List<String[]> out = new ArrayList<>();
        out.add(new String[] {schema, table});
        out.add(new String[] {schema == null ? null : schema.toUpperCase(Locale.ROOT), table.toUpperCase(Locale.ROOT)});
        out.add(new String[] {schema == null ? null : schema.toLowerCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)});
        return out;
    }

    /** Rows of {column name, JDBC type, schema, table, catalog}. */
    private static List<String[]> columns(DatabaseMetaData md, String catalog, String schema, String table) throws SQLException {
        String esc = md.getSearchStringEscape();
        List<String[]> out = new ArrayList<>();
        try (ResultSet rs = md.getColumns(catalog, escape(schema, esc), escape(table, esc), "%")) {
            while (rs.next()) {
                out.add(new String[] {rs.getString("COLUMN_NAME"), Integer.toString(rs.getInt("DATA_TYPE")),
                        rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME"), rs.getString("TABLE_CAT")});
            }
        }
        return out;
    }

    private static String escape(String pattern, String esc) {
        if (pattern == null || esc == null || esc.isEmpty()) {
            return pattern;
        }
        return pattern.replace(esc, esc + esc).replace("_", esc + "_").replace("%", esc + "%");
    }

    private static Map<String, Column> match(Dataset dataset, List<String[]> cols, SqlDialect dialect) {
        Map<String, Column> out = new LinkedHashMap<>();
        for (Field f : dataset.fields()) {
            String[] hit = cols.stream().filter(c -> c[0].equals(f.name())).findFirst()
                    .orElseGet(() -> cols.stream().filter(c -> c[0].equalsIgnoreCase(f.name())).findFirst().orElse(null));
            if (hit == null) {
                throw new StoreException("table " + dataset.physicalName() + " for " + dataset.ref() + " has no column for field '" + f.name() + "'");
            }
            out.put(f.name(), new Column(f, dialect.quoteIdentifier(hit[0]), Integer.parseInt(hit[1])));
        }
        return out;
    }

    public String selectList() {
        return String.join(", ", columns.values().stream().map(Column::quotedName).toList());
    }
}
