package io.headwater.connectors.jdbc;

import io.headwater.engine.model.FieldType;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What differs between the SQL databases Headwater reads and writes: identifier case folding,
 * column types and string ordering.
 *
 * <p>Column types. H2: INTEGER {@code BIGINT}, DECIMAL {@code DECFLOAT} (exact: keeps every digit
 * of the value, but not trailing zeros — {@code 12.50} reads back as {@code 12.5}, equal by
 * {@code compareTo} and identical in canonical form; {@code NUMERIC} without precision would round
 * to scale 0 in H2 and {@code NUMERIC(38,10)} would round beyond 10 places), FLOAT {@code DOUBLE
 * PRECISION}, STRING {@code CHARACTER VARYING}, BOOLEAN, TIMESTAMP {@code TIMESTAMP(6) WITH TIME
 * ZONE} (microseconds), DATE, UUID, BYTES {@code BINARY VARYING}. PostgreSQL: the same with
 * {@code NUMERIC}, {@code TEXT} and {@code BYTEA}.
 */
public enum SqlDialect {
    H2 {
        @Override
        public String fold(String identifier) {
            return identifier.toUpperCase(Locale.ROOT);
        }

        @Override
        public String columnType(FieldType type) {
            return switch (type) {
                case INTEGER -> "BIGINT";
                case DECIMAL -> "DECFLOAT";
                case FLOAT -> "DOUBLE PRECISION";
                case STRING -> "CHARACTER VARYING";
                case BOOLEAN -> "BOOLEAN";
                case TIMESTAMP -> "TIMESTAMP(6) WITH TIME ZONE";
                case DATE -> "DATE";
                case UUID -> "UUID";
                case BYTES -> "BINARY VARYING";
            };
        }

        @Override
        public String orderBy(String quotedColumn, FieldType type) {
            return quotedColumn;
        }
    },
    POSTGRES {
        @Override
        public String fold(String identifier) {
            return identifier.toLowerCase(Locale.ROOT);
        }

        @Override
        public String columnType(FieldType type) {
            return switch (type) {
                case INTEGER -> "BIGINT";
                case DECIMAL -> "NUMERIC";
                case FLOAT -> "DOUBLE PRECISION";
                case STRING -> "TEXT";
                case BOOLEAN -> "BOOLEAN";
                case TIMESTAMP -> "TIMESTAMP(6) WITH TIME ZONE";
                case DATE -> "DATE";
                case UUID -> "UUID";
                case BYTES -> "BYTEA";
            };
        }

        @Override
        public String orderBy(String quotedColumn, FieldType type) {
            // Code point order, like the other stores, whatever the database's default collation.
            return type == FieldType.STRING ? quotedColumn + " COLLATE \"C\"" : quotedColumn;
        }
    };

    /** How the database folds an unquoted identifier; used for the names Headwater creates. */
    public abstract String fold(String identifier);

    /** The column type that holds a field of this logical type exactly. */
    public abstract String columnType(FieldType type);

    /** The ORDER BY term for a key column, so that rows come in Headwater's key order. */
    public abstract String orderBy(String quotedColumn, FieldType type);

    /** A quoted identifier: {@code "name"}, with embedded quotes doubled. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** A quoted, possibly schema-qualified name: {@code public.customers} to {@code "public"."customers"}. */
    public static String quoteQualified(String name) {
        return Arrays.stream(name.split("\\.", -1)).map(SqlDialect::quote).collect(Collectors.joining("."));
    }
}
