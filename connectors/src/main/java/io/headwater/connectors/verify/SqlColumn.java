package io.headwater.connectors.verify;

import io.headwater.connectors.jdbc.SqlDialect;
import java.util.Locale;
import java.util.Objects;

/**
 * A column as the database's JDBC metadata describes it ({@code DatabaseMetaData.getColumns}).
 *
 * @param name     the column's name as the database spells it
 * @param dialect  the database's dialect
 * @param jdbcType the {@link java.sql.Types} code ({@code DATA_TYPE})
 * @param typeName the database's type name ({@code TYPE_NAME}: {@code timestamptz}, {@code DATETIME})
 * @param size     {@code COLUMN_SIZE}
 * @param digits   {@code DECIMAL_DIGITS}, or -1 when the driver gives none
 */
public record SqlColumn(String name, SqlDialect dialect, int jdbcType, String typeName, int size, int digits) {
    /** Microseconds: the finest timestamp precision any of the databases keeps, and the canonical form's. */
    public static final int MAX_FRACTION_DIGITS = 6;
    /** The width of MySQL's {@code DATETIME} text without fraction: {@code yyyy-MM-dd HH:mm:ss}. */
    private static final int MYSQL_DATETIME_WIDTH = 19;

    public SqlColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dialect, "dialect");
        typeName = typeName == null ? "" : typeName;
    }

    /** What kind of value the column holds, for pairing. */
    public ColumnKind kind() {
        return ColumnKind.of(this);
    }

    /** The type name in lower case. */
    String type() {
        return typeName.toLowerCase(Locale.ROOT);
    }

    /**
     * The fractional second digits a timestamp column holds, at most {@value #MAX_FRACTION_DIGITS}.
     * PostgreSQL and H2 report them as {@code DECIMAL_DIGITS}; MariaDB reports the display width
     * ({@code DATETIME} 19, {@code DATETIME(3)} 23, the dot counted).
     */
    public int fractionDigits() {
        int d;
        if (dialect == SqlDialect.MYSQL) {
            d = size > MYSQL_DATETIME_WIDTH ? size - MYSQL_DATETIME_WIDTH - 1 : 0;
        } else {
            d = digits < 0 ? MAX_FRACTION_DIGITS : digits;
        }
        return Math.max(0, Math.min(MAX_FRACTION_DIGITS, d));
    }

    /** The quoted name, ready for SQL. */
    public String quoted() {
        return dialect.quoteIdentifier(name);
    }

    /** {@code name timestamptz(6)}: for messages. */
    public String describe() {
        return name + " " + typeName + (kind() == ColumnKind.TIMESTAMP_INSTANT || kind() == ColumnKind.TIMESTAMP_LOCAL
                ? "(" + fractionDigits() + ")" : "");
    }
}
