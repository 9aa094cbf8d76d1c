package io.headwater.connectors.h2;

import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL names and DDL of a table Headwater creates in H2: identifiers folded to upper case (as
 * H2 folds unquoted ones, so that hand-written SQL finds them) and quoted. Immutable.
 */
final class TargetTable {
    private static final SqlDialect DIALECT = SqlDialect.H2;

    private TargetTable() {
    }

    /** {@code analytics.daily_totals} to {@code "ANALYTICS"."DAILY_TOTALS"}. */
    static String table(String physicalName) {
        return Arrays.stream(physicalName.split("\\.", -1)).map(p -> SqlDialect.quote(DIALECT.fold(p))).collect(Collectors.joining("."));
    }

    /** The table beside {@code physicalName} (same schema) whose own name is {@code prefix + name}. */
    static String sibling(String physicalName, String prefix) {
        int dot = physicalName.lastIndexOf('.');
        return table(physicalName.substring(0, dot + 1) + prefix + physicalName.substring(dot + 1));
    }

    /** The folded schema part of {@code physicalName}, or null when it names none. */
    static String schemaOf(String physicalName) {
        int dot = physicalName.lastIndexOf('.');
        return dot < 0 ? null : DIALECT.fold(physicalName.substring(0, dot));
    }

    /** The folded table name part of {@code physicalName} (without schema, unquoted). */
    static String nameOf(String physicalName) {
        return DIALECT.fold(physicalName.substring(physicalName.lastIndexOf('.') + 1));
    }

    static String column(String field) {
        return SqlDialect.quote(DIALECT.fold(field));
    }

    static String columns(List<String> fields) {
        return fields.stream().map(TargetTable::column).collect(Collectors.joining(", "));
    }

    static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    static String createDdl(Dataset dataset) {
        StringBuilder sb = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table(dataset.physicalName())).append(" (");
        for (Field f : dataset.fields()) {
            sb.append(column(f.name())).append(' ').append(DIALECT.columnType(f.type()));
            if (dataset.key().contains(f.name())) {
                sb.append(" NOT NULL");
            }
            sb.append(", ");
        }
        return sb.append("PRIMARY KEY (").append(columns(dataset.key())).append("))").toString();
    }

    static String whereKey(List<String> key) {
        return key.stream().map(k -> column(k) + " = ?").collect(Collectors.joining(" AND "));
    }

    static SqlDialect dialect() {
        return DIALECT;
    }
}
