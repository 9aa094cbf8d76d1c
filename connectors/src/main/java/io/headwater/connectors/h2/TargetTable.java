package io.headwater.connectors.h2;

import io.headwater.connectors.jdbc.CheckpointTable;
import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.connectors.jdbc.TableLayout;
import io.headwater.engine.model.Dataset;
import java.util.Collections;
import java.util.List;

/**
 * The SQL names and DDL of a table Headwater creates in H2 ({@link TableLayout} of
 * {@link SqlDialect#H2}): identifiers folded to upper case, as H2 folds unquoted ones, so that
 * hand-written SQL finds them, and quoted. Immutable.
 */
final class TargetTable {
    /** {@code HEADWATER_CHECKPOINTS} in the connection's schema. */
    static final CheckpointTable CHECKPOINTS = CheckpointTable.of(SqlDialect.H2);
    private static final TableLayout LAYOUT = new TableLayout(SqlDialect.H2);

    private TargetTable() {
    }

    /** {@code analytics.daily_totals} to {@code "ANALYTICS"."DAILY_TOTALS"}. */
    static String table(String physicalName) {
        return LAYOUT.table(physicalName);
    }

    /** The table beside {@code physicalName} (same schema) whose own name is {@code prefix + name}. */
    static String sibling(String physicalName, String prefix) {
        return LAYOUT.sibling(physicalName, prefix);
    }

    /** The folded schema part of {@code physicalName}, or null when it names none. */
    static String schemaOf(String physicalName) {
        return LAYOUT.schemaOf(physicalName);
    }

    /** The folded table name part of {@code physicalName} (without schema, unquoted). */
    static String nameOf(String physicalName) {
        return LAYOUT.nameOf(physicalName);
    }

    static String column(String field) {
        return LAYOUT.column(field);
    }

    static String columns(List<String> fields) {
        return LAYOUT.columns(fields);
    }

    static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    static String createDdl(Dataset dataset) {
        return LAYOUT.createDdl(dataset);
    }

    static String whereKey(List<String> key) {
        return LAYOUT.whereKey(key);
    }

    static SqlDialect dialect() {
        return LAYOUT.dialect();
    }
}
