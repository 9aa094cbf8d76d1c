package io.headwater.connectors.verify;

import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.engine.integrity.CanonicalForm;
import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * What kind of value a SQL column holds, whatever the database calls its type; the first step of
 * {@link ColumnPairing}. Each kind reads its column into one Java type ({@link #read}).
 */
public enum ColumnKind {
    /** Whole numbers ({@code int2..int8}, {@code TINYINT..BIGINT}): {@code Long}. */
    INTEGER,
    /** Exact decimals ({@code numeric}, {@code DECIMAL}, H2 {@code DECFLOAT}): {@code BigDecimal}. */
    DECIMAL,
    /** Binary floating point ({@code real}, {@code float8}, {@code DOUBLE}): {@code Double}. */
    FLOAT,
    /** Text of varying length: {@code String}. */
    TEXT,
    /**
     * Fixed-length text padded with spaces (PostgreSQL {@code char(n)}, H2 {@code CHARACTER}):
     * {@code String} without the trailing spaces, as MySQL returns its {@code CHAR(n)}.
     */
    FIXED_TEXT,
    /** A real boolean ({@code boolean}): {@code Boolean}. */
    BOOLEAN,
    /** MySQL's boolean, a number ({@code TINYINT(1)}, {@code BIT(1)}): {@code Long}, 0 or 1 when used as a boolean. */
    BOOLEAN_NUMBER,
    /**
     * A point in time ({@code timestamptz}, H2 {@code TIMESTAMP WITH TIME ZONE}, MySQL
     * {@code TIMESTAMP}, read in a UTC session): {@code Instant}.
     */
    TIMESTAMP_INSTANT,
    /** A wall-clock time without zone ({@code timestamp}, MySQL {@code DATETIME}), taken as UTC: {@code Instant}. */
    TIMESTAMP_LOCAL,
    /** A calendar day: {@code LocalDate}. */
    DATE,
    /** A UUID type (PostgreSQL {@code uuid}, H2 {@code UUID}): {@code UUID}. */
    UUID,
    /** Bytes ({@code bytea}, {@code BINARY}, {@code BLOB}): {@code byte[]}. */
    BYTES,
    /** Anything else ({@code json}, {@code interval}, MySQL {@code BIT(8)}): the driver's text, {@code String}. */
    OTHER;

    /** The kind of a column, from its JDBC type code and type name. */
    public static ColumnKind of(SqlColumn c) {
        String name = c.type();
        if (name.equals("uuid")) {
            return UUID;
        }
        boolean mysql = c.dialect() == SqlDialect.MYSQL;
        if (mysql && (c.jdbcType() == Types.BOOLEAN || (c.jdbcType() == Types.BIT && c.size() == 1)
                || (name.equals("tinyint") && c.size() == 1))) {
            return BOOLEAN_NUMBER;
        }
        if (mysql && name.startsWith("timestamp")) {
            return TIMESTAMP_INSTANT;
        }
        return switch (c.jdbcType()) {
            case Types.BOOLEAN -> BOOLEAN;
            case Types.BIT -> name.startsWith("bool") ? BOOLEAN : OTHER;
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> INTEGER;
            case Types.NUMERIC, Types.DECIMAL -> DECIMAL;
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> FLOAT;
            case Types.CHAR, Types.NCHAR -> mysql ? TEXT : FIXED_TEXT;
            case Types.VARCHAR, Types.LONGVARCHAR, Types.NVARCHAR, Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB -> TEXT;
            case Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMP_INSTANT;
            case Types.TIMESTAMP -> name.contains("tz") || name.contains("with time zone") ? TIMESTAMP_INSTANT : TIMESTAMP_LOCAL;
            case Types.DATE -> DATE;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BYTES;
            default -> OTHER;
        };
    }

    /** Whether the kind is text, ordered by the database's string collation. */
    public boolean isText() {
        return this == TEXT || this == FIXED_TEXT || this == OTHER;
    }

    /** Whether the kind is a timestamp. */
    public boolean isTimestamp() {
        return this == TIMESTAMP_INSTANT || this == TIMESTAMP_LOCAL;
    }

    /** Reads column {@code index} of a database of this dialect as this kind's Java type; null for SQL NULL. */
    public Object read(ResultSet rs, int index, SqlDialect dialect) throws SQLException {
        Object v = switch (this) {
            case INTEGER, BOOLEAN_NUMBER -> rs.getLong(index);
            case DECIMAL -> rs.getBigDecimal(index);
            case FLOAT -> rs.getDouble(index);
            case TEXT, OTHER -> rs.getString(index);
            case FIXED_TEXT -> rtrim(rs.getString(index));
            case BOOLEAN -> rs.getBoolean(index);
            case TIMESTAMP_INSTANT -> instant(rs, index, dialect);
            case TIMESTAMP_LOCAL -> local(rs.getObject(index, LocalDateTime.class));
            case DATE -> rs.getObject(index, LocalDate.class);
            case UUID -> uuid(rs.getObject(index));
            case BYTES -> rs.getBytes(index);
        };
        return rs.wasNull() ? null : v;
    }

    /** MySQL's TIMESTAMP arrives as wall-clock text of the session's zone, which the reader sets to UTC. */
    private static Instant instant(ResultSet rs, int index, SqlDialect dialect) throws SQLException {
        if (dialect == SqlDialect.MYSQL) {
            return local(rs.getObject(index, LocalDateTime.class));
        }
        OffsetDateTime odt = rs.getObject(index, OffsetDateTime.class);
        return odt == null ? null : odt.toInstant();
    }

    private static Instant local(LocalDateTime l) {
        return l == null ? null : l.toInstant(ZoneOffset.UTC);
    }

    private static Object uuid(Object o) {
        if (o == null || o instanceof java.util.UUID) {
            return o;
        }
        if (o instanceof byte[] b && b.length == 16) {
            ByteBuffer bb = ByteBuffer.wrap(b);
            return new java.util.UUID(bb.getLong(), bb.getLong());
        }
        return java.util.UUID.fromString(o.toString());
    }

    static String rtrim(String s) {
        if (s == null) {
            return null;
        }
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    /** Truncates an instant toward the past to {@code digits} fractional second digits (0..6). */
    static Instant truncate(Instant i, int digits) {
        long unit = (long) Math.pow(10, SqlColumn.MAX_FRACTION_DIGITS - digits);
        long micros = CanonicalForm.micros(i);
        long cut = Math.floorDiv(micros, unit) * unit;
        return Instant.ofEpochSecond(Math.floorDiv(cut, 1_000_000L), Math.floorMod(cut, 1_000_000L) * 1000);
    }
}
