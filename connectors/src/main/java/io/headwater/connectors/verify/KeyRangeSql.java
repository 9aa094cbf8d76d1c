package io.headwater.connectors.verify;

import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.engine.integrity.KeyRange;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * Key predicates and ordering in SQL, in the engine's key order: PostgreSQL strings compare under
 * {@code COLLATE "C"} (code point order); a composite key compares as a row value
 * {@code (k1, k2) < (?, ?)}, which both databases order lexicographically. Immutable.
 */
final class KeyRangeSql {
    private final SqlDialect dialect;
    private final List<Field> key;
    private final List<String> terms;

    KeyRangeSql(SqlDialect dialect, List<Field> key, List<String> keyColumns) {
        this.dialect = dialect;
        this.key = List.copyOf(key);
        List<String> t = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            t.add(term(keyColumns.get(i), key.get(i).type()));
        }
        this.terms = List.copyOf(t);
    }

    private String term(String column, FieldType type) {
        return dialect == SqlDialect.POSTGRES && type == FieldType.STRING ? column + " COLLATE \"C\"" : column;
    }

    /** The key's terms for ORDER BY (or a window's ORDER BY). */
    String orderBy() {
        return String.join(", ", terms);
    }

    /** {@code key <op> bound}, adding the bound's values to {@code params}. */
    String compare(String op, Row bound, List<SqlParam> params) {
        for (Field k : key) {
            params.add(new SqlParam(k.type(), bound.get(k.name())));
        }
        if (key.size() == 1) {
            return terms.get(0) + " " + op + " ?";
        }
        return "(" + String.join(", ", terms) + ") " + op + " (" + String.join(", ", key.stream().map(k -> "?").toList()) + ")";
    }

    /** The condition of a range (a tautology for the unbounded one). */
    String where(KeyRange range, List<SqlParam> params) {
        List<String> c = new ArrayList<>();
        if (range.from() != null) {
            c.add(compare(">=", range.from(), params));
        }
        if (range.to() != null) {
            c.add(compare("<", range.to(), params));
        }
        return c.isEmpty() ? "1 = 1" : String.join(" AND ", c);
    }
}
