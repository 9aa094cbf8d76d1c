package io.headwater.connectors.verify;

import io.headwater.connectors.jdbc.ResolvedTable;
import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Expression;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.MappingFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a {@link SqlVerifySide} selects from: a {@code FROM} clause and, per target field, the SQL
 * expression that yields it there. For a scalar mapping the expressions read the table's columns
 * directly (so range predicates on a plain key column use its index); for an aggregate the
 * {@code FROM} is the aggregate recomputed with {@code GROUP BY} as a subquery {@code q}.
 *
 * @param from    the {@code FROM} clause (a table or a subquery with alias)
 * @param columns the SQL expression of each target field (compared fields and key fields)
 * @param key     the key fields, in target names, in order
 */
record SqlRelation(String from, Map<String, String> columns, List<Field> key) {
    private static final String AGGREGATE_ALIAS = "q";

    /** The key fields' SQL expressions, in key order. */
    List<String> keyColumns() {
        return key.stream().map(k -> columns.get(k.name())).toList();
    }

    /** Each field's expression translated over the table's columns (a scalar mapping). */
    static SqlRelation scalar(ResolvedTable table, List<Field> key, List<ComparedField> fields) {
        Function<String, String> column = columnOf(table);
        Map<String, String> columns = new LinkedHashMap<>();
        for (ComparedField f : fields) {
            columns.put(f.name(), scalar(f.expression(), column));
        }
        for (Field k : key) {
            columns.computeIfAbsent(k.name(), column);
        }
        return new SqlRelation(table.qualifiedName(), columns, key);
    }

    /**
     * The aggregate recomputed from the table: the key fields are the group (rows whose group value
     * is null belong to no group, as in the H2 aggregate writer), the other fields aggregates.
     */
    static SqlRelation aggregate(ResolvedTable table, List<Field> key, List<ComparedField> fields) {
        Function<String, String> column = columnOf(table);
        List<String> groups = new ArrayList<>();
        List<String> select = new ArrayList<>();
        Map<String, String> columns = new LinkedHashMap<>();
        for (ComparedField f : fields) {
            boolean isGroup = key.stream().anyMatch(k -> k.name().equals(f.name()));
            String sql = isGroup ? scalar(f.expression(), column) : aggregate(f, column);
            if (isGroup) {
                groups.add(sql);
            }
            select.add(sql + " AS " + SqlDialect.quote(f.name()));
            columns.put(f.name(), AGGREGATE_ALIAS + "." + SqlDialect.quote(f.name()));
        }
        if (groups.size() != key.size()) {
            throw new StoreException("the aggregate over " + table.qualifiedName() + " is keyed by " + key.stream().map(Field::name).toList()
                    + " but not all of them are group fields of its mapping");
        }
        String from = "(SELECT " + String.join(", ", select) + " FROM " + table.qualifiedName()
                + " WHERE " + String.join(" AND ", groups.stream().map(g -> g + " IS NOT NULL").toList())
                + " GROUP BY " + String.join(", ", groups) + ") " + AGGREGATE_ALIAS;
        return new SqlRelation(from, columns, key);
    }

    private static Function<String, String> columnOf(ResolvedTable table) {
        return name -> {
            ResolvedTable.Column c = table.columns().get(name);
            if (c == null) {
                throw new StoreException("table " + table.qualifiedName() + " has no column for field '" + name + "'");
            }
            return c.quotedName();
        };
    }

    /** A scalar mapping expression as SQL: columns, LOWER/UPPER/TRIM, DAY as the UTC date. */
    static String scalar(Expression e, Function<String, String> column) {
        if (e instanceof Expression.Column c) {
            return column.apply(c.field());
        }
        Expression.Call call = (Expression.Call) e;
        if (call.function().isAggregate()) {
            throw new StoreException("'" + e + "' is an aggregate where a per-row value is needed");
        }
        String arg = scalar(call.args().get(0), column);
        return switch (call.function()) {
            case LOWER -> "LOWER(" + arg + ")";
            case UPPER -> "UPPER(" + arg + ")";
            case TRIM -> "TRIM(" + arg + ")";
            case DAY -> "CAST(" + arg + " AS DATE)"; // the session runs in UTC
            default -> throw new IllegalStateException("unexpected scalar function " + call.function());
        };
    }

    private static String aggregate(ComparedField f, Function<String, String> column) {
        if (!(f.expression() instanceof Expression.Call call) || !call.function().isAggregate()
                || call.args().stream().anyMatch(Expression::isAggregate)) {
            throw new StoreException("'" + f.name() + " <- " + f.expression() + "' is not a plain aggregate of a scalar expression");
        }
        if (call.function() == MappingFunction.COUNT) {
            return "COUNT(*)";
        }
        return call.function().name() + "(" + scalar(call.args().get(0), column) + ")";
    }
}
