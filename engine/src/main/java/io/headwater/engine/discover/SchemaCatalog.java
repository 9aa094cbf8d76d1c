package io.headwater.engine.discover;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.SystemKind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where discovery learns a database's tables, columns and primary keys: its
 * {@code information_schema}, read-only. Implemented in the connectors module; tests may give the
 * tables directly. Implementations say whether they are thread-safe.
 */
public interface SchemaCatalog {

    /**
     * The tables of the database at {@code target}.
     *
     * @throws io.headwater.engine.HeadwaterException when the database cannot be read, naming it
     */
    List<TableSchema> tables(Target target);

    /** A catalog that knows no database: every lookup fails with {@code reason}. */
    static SchemaCatalog unavailable(String reason) {
        return target -> {
            throw new HeadwaterException(target.describe() + ": " + reason);
        };
    }

    /**
     * A database to read, as the discovered config will name it.
     *
     * @param kind             postgres or mysql
     * @param address          {@code host:port}
     * @param database         the database
     * @param user             the user, or null
     * @param passwordVariable the environment variable that holds its password, or null for none
     */
    record Target(SystemKind kind, String address, String database, String user, String passwordVariable) {
        public String describe() {
            return kind.configName() + " " + address + "/" + database;
        }
    }

    /**
     * One table.
     *
     * @param schema     its schema (PostgreSQL) or database (MySQL)
     * @param name       its name
     * @param columns    its columns, in order
     * @param primaryKey its primary key columns, in order; empty when it has none
     */
    record TableSchema(String schema, String name, List<Column> columns, List<String> primaryKey) {
        public TableSchema {
            columns = List.copyOf(columns);
            primaryKey = List.copyOf(primaryKey);
        }

        public Optional<Column> column(String column) {
            return columns.stream().filter(c -> c.name().equalsIgnoreCase(column)).findFirst();
        }
    }

    /**
     * One column.
     *
     * @param name    its name
     * @param sqlType the database's type name
     * @param type    Headwater's type for it
     * @param guessed whether the type is a guess (a database type Headwater has no type for, read as string)
     */
    record Column(String name, String sqlType, FieldType type, boolean guessed) {
    }

    /** Headwater's field type for an {@code information_schema} {@code data_type}; strings for the rest, marked as a guess. */
    static Column column(String name, String dataType) {
        String t = dataType.toLowerCase(Locale.ROOT);
        FieldType type;
        if (t.matches("(small|big|tiny|medium)?int(eger)?\\d*|int[248]|serial|bigserial|smallserial|year")) {
            type = FieldType.INTEGER;
        } else if (t.matches("numeric|decimal|money")) {
            type = FieldType.DECIMAL;
        } else if (t.matches("real|double precision|double|float\\d*")) {
            type = FieldType.FLOAT;
        } else if (t.matches("(character varying|varchar|character|char|text|tinytext|mediumtext|longtext|citext|enum|bpchar|name)")) {
            type = FieldType.STRING;
        } else if (t.matches("bool(ean)?|bit")) {
            type = FieldType.BOOLEAN;
        } else if (t.startsWith("timestamp") || t.equals("datetime")) {
            type = FieldType.TIMESTAMP;
        } else if (t.equals("date")) {
            type = FieldType.DATE;
        } else if (t.equals("uuid")) {
            type = FieldType.UUID;
        } else if (t.matches("bytea|(tiny|medium|long)?blob|binary|varbinary")) {
            type = FieldType.BYTES;
        } else {
            return new Column(name, dataType, FieldType.STRING, true);
        }
        return new Column(name, dataType, type, false);
    }
}
