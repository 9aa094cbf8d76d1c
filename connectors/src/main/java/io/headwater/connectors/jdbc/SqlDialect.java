package io.headwater.connectors.jdbc;

import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.SystemKind;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What differs between the SQL databases Headwater reads and writes: identifier case folding,
 * column types, string ordering and the upsert statement.
 *
 * <p>Column types. H2: INTEGER {@code BIGINT}, DECIMAL {@code DECFLOAT} (exact: keeps every digit
 * of the value, but not trailing zeros — {@code 12.50} reads back as {@code 12.5}, equal by
 * {@code compareTo} and identical in canonical form; {@code NUMERIC} without precision would round
 * to scale 0 in H2 and {@code NUMERIC(38,10)} would round beyond 10 places), FLOAT {@code DOUBLE
 * PRECISION}, STRING {@code CHARACTER VARYING}, BOOLEAN, TIMESTAMP {@code TIMESTAMP(6) WITH TIME
 * ZONE} (microseconds), DATE, UUID, BYTES {@code BINARY VARYING}. PostgreSQL: the same with
 * {@code NUMERIC}, {@code TEXT} and {@code BYTEA}. MySQL/MariaDB: {@code DECIMAL(65,30)} (its widest),
 * {@code VARCHAR(768)} in {@code utf8mb4_bin} (the longest that can still be a key), {@code BOOLEAN}
 * (which is {@code TINYINT(1)}), {@code DATETIME(6)} holding UTC, {@code CHAR(36)} for UUIDs and
 * {@code LONGBLOB}.
 *
 * <p>Identifiers: {@link #quoteIdentifier} and {@link #quoteName} quote for the dialect (backticks
 * in MySQL); the static {@link #quote} and {@link #quoteQualified} are ANSI double quotes, which
 * PostgreSQL and H2 share.
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

        /** One row a statement ({@link #upsertRows}): H2 runs in process, there is no round trip to save. */
        @Override
        public String upsert(String table, List<String> columns, List<String> key, int rows) {
            if (rows != 1) {
                throw new IllegalArgumentException("H2 upserts one row a statement, not " + rows);
            }
            return "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY (" + String.join(", ", key) + ") VALUES ("
                    + placeholders(columns.size()) + ")";
        }

        @Override
        public int upsertRows(int columns) {
            return 1;
        }

        @Override
        public String textType() {
            return "CHARACTER VARYING";
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

        /** {@code INSERT ... ON CONFLICT (key) DO UPDATE SET c = EXCLUDED.c}: needs a unique index on the key (the primary key). */
        @Override
        public String upsert(String table, List<String> columns, List<String> key, int rows) {
            List<String> rest = columns.stream().filter(c -> !key.contains(c)).toList();
            return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES " + rows(columns.size(), rows) + " ON CONFLICT ("
                    + String.join(", ", key) + ") DO " + (rest.isEmpty() ? "NOTHING"
                    : "UPDATE SET " + rest.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", ")));
        }

        @Override
        public String textType() {
            return "TEXT";
        }
    },
    MYSQL {
        /** MySQL keeps the case of table names on Linux and ignores it for columns: left as written. */
        @Override
        public String fold(String identifier) {
            return identifier;
        }

        @Override
        public String columnType(FieldType type) {
            return switch (type) {
                case INTEGER -> "BIGINT";
                case DECIMAL -> "DECIMAL(65,30)";
                case FLOAT -> "DOUBLE";
                case STRING -> "VARCHAR(768) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
                case BOOLEAN -> "BOOLEAN";
                case TIMESTAMP -> "DATETIME(6)";
                case DATE -> "DATE";
                case UUID -> "CHAR(36)";
                case BYTES -> "LONGBLOB";
            };
        }

        /**
         * Strings by their bytes: UTF-8 byte order is code point order. {@code COLLATE utf8mb4_bin}
         * would not do: it is a PAD SPACE collation, so {@code 'a'} sorts after {@code 'a\t'}.
         */
        @Override
        public String orderBy(String quotedColumn, FieldType type) {
            return type == FieldType.STRING ? "CAST(" + quotedColumn + " AS BINARY)" : quotedColumn;
        }

        @Override
        public String quoteIdentifier(String identifier) {
            return '`' + identifier.replace("`", "``") + '`';
        }

        /**
         * {@code INSERT ... ON DUPLICATE KEY UPDATE c = VALUES(c)}: {@code VALUES()} rather than the
         * row alias of MySQL 8.0.19+, which MariaDB does not have.
         */
        @Override
        public String upsert(String table, List<String> columns, List<String> key, int rows) {
            List<String> rest = columns.stream().filter(c -> !key.contains(c)).toList();
            List<String> set = rest.isEmpty() ? List.of(key.get(0)) : rest;
            return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES " + rows(columns.size(), rows)
                    + " ON DUPLICATE KEY UPDATE " + set.stream().map(c -> c + " = VALUES(" + c + ")").collect(Collectors.joining(", "));
        }

        @Override
        public String textType() {
            return "LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
        }
    };

    private static final int MAX_UPSERT_ROWS = 500;
    /** Well below PostgreSQL's limit of 65,535 parameters a statement. */
    private static final int MAX_UPSERT_PARAMETERS = 30_000;

    /**
     * The statement that inserts a row or, when its key is present, replaces its other columns: one
     * parameter per column, in order. All names come quoted.
     */
    public String upsert(String table, List<String> columns, List<String> key) {
        return upsert(table, columns, key, 1);
    }

    /**
     * The upsert of {@code rows} rows in one statement, parameters row after row. The rows' keys must
     * be distinct: PostgreSQL refuses to update one row twice in a statement.
     */
    public abstract String upsert(String table, List<String> columns, List<String> key, int rows);

    /** How many rows of {@code columns} columns one upsert statement takes at most; each saves a round trip. */
    public int upsertRows(int columns) {
        return Math.max(1, Math.min(MAX_UPSERT_ROWS, MAX_UPSERT_PARAMETERS / columns));
    }

    /** A column type for text of any length (not a key). */
    public abstract String textType();

    private static String rows(int columns, int rows) {
        return String.join(", ", Collections.nCopies(rows, "(" + placeholders(columns) + ")"));
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /** How the database folds an unquoted identifier; used for the names Headwater creates. */
    public abstract String fold(String identifier);

    /** The column type that holds a field of this logical type exactly. */
    public abstract String columnType(FieldType type);

    /** The ORDER BY term for a key column, so that rows come in Headwater's key order. */
    public abstract String orderBy(String quotedColumn, FieldType type);

    /** An identifier quoted for this dialect: {@code "name"}, or {@code `name`} in MySQL; quotes inside doubled. */
    public String quoteIdentifier(String identifier) {
        return quote(identifier);
    }

    /** A possibly schema-qualified name quoted for this dialect: {@code public.customers} to {@code "public"."customers"}. */
    public String quoteName(String name) {
        return Arrays.stream(name.split("\\.", -1)).map(this::quoteIdentifier).collect(Collectors.joining("."));
    }

    /** The dialect of a system kind that speaks SQL, if any. */
    public static Optional<SqlDialect> of(SystemKind kind) {
        return switch (kind) {
            case H2 -> Optional.of(H2);
            case POSTGRES -> Optional.of(POSTGRES);
            case MYSQL -> Optional.of(MYSQL);
            default -> Optional.empty();
        };
    }

    /** An ANSI-quoted identifier: {@code "name"}, with embedded quotes doubled (PostgreSQL and H2). */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** A quoted, possibly schema-qualified name: {@code public.customers} to {@code "public"."customers"}. */
    public static String quoteQualified(String name) {
        return Arrays.stream(name.split("\\.", -1)).map(SqlDialect::quote).collect(Collectors.joining("."));
    }
}
