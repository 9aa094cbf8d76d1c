package io.headwater.connectors.jdbc;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL names and DDL of a table Headwater creates: identifiers folded as the database folds
 * unquoted ones ({@link SqlDialect#fold}: upper case in H2, lower case in PostgreSQL, as written in
 * MySQL), so that hand-written SQL finds them, and quoted for the dialect. Immutable and thread-safe.
 *
 * @param dialect the database's dialect
 */
public record TableLayout(SqlDialect dialect) {
    private static final int MYSQL_KEY_BYTES = 3072;
    private static final int MYSQL_KEY_CHARS = 768;
    private static final int MYSQL_OTHER_KEY_BYTES = 144;

    /** {@code analytics.daily_totals} to {@code "ANALYTICS"."DAILY_TOTALS"} in H2, {@code "analytics"."daily_totals"} in PostgreSQL. */
    public String table(String physicalName) {
        return Arrays.stream(physicalName.split("\\.", -1)).map(p -> dialect.quoteIdentifier(dialect.fold(p))).collect(Collectors.joining("."));
    }

    /** The table beside {@code physicalName} (same schema) whose own name is {@code prefix + name}. */
    public String sibling(String physicalName, String prefix) {
        int dot = physicalName.lastIndexOf('.');
        return table(physicalName.substring(0, dot + 1) + prefix + physicalName.substring(dot + 1));
    }

    /** The folded schema part of {@code physicalName}, or null when it names none. */
    public String schemaOf(String physicalName) {
        int dot = physicalName.lastIndexOf('.');
        return dot < 0 ? null : dialect.fold(physicalName.substring(0, dot));
    }

    /** The folded table name part of {@code physicalName} (without schema, unquoted). */
    public String nameOf(String physicalName) {
        return dialect.fold(physicalName.substring(physicalName.lastIndexOf('.') + 1));
    }

    /** The quoted name of {@code physicalName}'s table without its schema (for RENAME TO). */
    public String unqualified(String physicalName) {
        return dialect.quoteIdentifier(nameOf(physicalName));
    }

    public String column(String field) {
        return dialect.quoteIdentifier(dialect.fold(field));
    }

    public String columns(List<String> fields) {
        return fields.stream().map(this::column).collect(Collectors.joining(", "));
    }

    /** {@code CREATE TABLE IF NOT EXISTS}: a column per field of the dataset's type, the key as primary key. */
    public String createDdl(Dataset dataset) {
        StringBuilder sb = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table(dataset.physicalName())).append(" (");
        for (Field f : dataset.fields()) {
            sb.append(column(f.name())).append(' ').append(columnType(dataset, f));
            if (dataset.key().contains(f.name())) {
                sb.append(" NOT NULL");
            }
            sb.append(", ");
        }
        return sb.append("PRIMARY KEY (").append(columns(dataset.key())).append("))").toString();
    }

    /**
     * The column type of a field: {@link SqlDialect#columnType}, except in MySQL, where an index
     * holds at most {@value #MYSQL_KEY_BYTES} bytes: a string in a composite key gets its share
     * (4 bytes a character in utf8mb4, {@value #MYSQL_OTHER_KEY_BYTES} bytes set aside per other key
     * column), and a string outside the key is {@link SqlDialect#textType()}, of any length.
     */
    String columnType(Dataset dataset, Field f) {
        if (dialect != SqlDialect.MYSQL || f.type() != FieldType.STRING) {
            return dialect.columnType(f.type());
        }
        if (!dataset.key().contains(f.name())) {
            return dialect.textType();
        }
        long strings = dataset.keyFields().stream().filter(k -> k.type() == FieldType.STRING).count();
        long others = dataset.key().size() - strings;
        long chars = Math.min(MYSQL_KEY_CHARS, (MYSQL_KEY_BYTES - others * MYSQL_OTHER_KEY_BYTES) / 4 / strings);
        return "VARCHAR(" + chars + ") CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
    }

    /** The dataset's upsert statement: a parameter per field, in the dataset's order. */
    public String upsert(Dataset dataset) {
        return upsert(dataset, 1);
    }

    /** The upsert of {@code rows} rows in one statement ({@link SqlDialect#upsert(String, List, List, int)}). */
    public String upsert(Dataset dataset, int rows) {
        return dialect.upsert(table(dataset.physicalName()), dataset.fieldNames().stream().map(this::column).toList(),
                dataset.key().stream().map(this::column).toList(), rows);
    }

    /** {@code "A" = ? AND "B" = ?} over the key fields. */
    public String whereKey(List<String> key) {
        return key.stream().map(k -> column(k) + " = ?").collect(Collectors.joining(" AND "));
    }
}
