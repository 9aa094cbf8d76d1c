package io.headwater.connectors.jdbc;

import io.headwater.engine.model.FieldType;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Binds engine values to statement parameters and reads them back from result sets, by logical
 * type. Timestamps travel as UTC {@code OffsetDateTime}s truncated to microseconds; a column
 * {@code TIMESTAMP} without time zone is read as UTC. Stateless and thread-safe.
 */
public final class JdbcValues {
    private JdbcValues() {
    }

    /**
     * Binds for {@code dialect}'s column types ({@link SqlDialect#columnType}): in MySQL a UUID is
     * its text ({@code CHAR(36)}) and a timestamp a UTC {@code LocalDateTime} ({@code DATETIME(6)}
     * has no zone); elsewhere as {@link #bind(PreparedStatement, int, FieldType, Object)}.
     */
    public static void bind(PreparedStatement ps, int index, FieldType type, Object value, SqlDialect dialect) throws SQLException {
        if (dialect != SqlDialect.MYSQL || (type != FieldType.UUID && type != FieldType.TIMESTAMP)) {
            bind(ps, index, type, value);
        } else if (value == null) {
            ps.setNull(index, type == FieldType.UUID ? Types.CHAR : Types.TIMESTAMP);
        } else if (type == FieldType.UUID) {
            ps.setString(index, value.toString());
        } else {
            ps.setObject(index, LocalDateTime.ofInstant(((Instant) value).truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
        }
    }

    public static void bind(PreparedStatement ps, int index, FieldType type, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, sqlType(type));
            return;
        }
        switch (type) {
            case INTEGER -> ps.setLong(index, ((Number) value).longValue());
            case DECIMAL -> ps.setBigDecimal(index, (BigDecimal) value);
            case FLOAT -> ps.setDouble(index, ((Number) value).doubleValue());
            case STRING -> ps.setString(index, (String) value);
            case BOOLEAN -> ps.setBoolean(index, (Boolean) value);
            case TIMESTAMP -> ps.setObject(index, OffsetDateTime.ofInstant(((Instant) value).truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
            case DATE -> ps.setObject(index, value, Types.DATE);
            case UUID -> ps.setObject(index, value);
            case BYTES -> ps.setBytes(index, (byte[]) value);
        }
    }

    /**
     * Reads column {@code index} as {@code type}.
     *
     * @param jdbcType the column's {@link Types} code from the metadata (tells timestamps with and
     *                 without time zone apart); {@link Types#OTHER} when unknown
     */
    public static Object read(ResultSet rs, int index, FieldType type, int jdbcType) throws SQLException {
        Object v = switch (type) {
            case INTEGER -> rs.getLong(index);
            case DECIMAL -> rs.getBigDecimal(index);
            case FLOAT -> rs.getDouble(index);
            case STRING -> rs.getString(index);
            case BOOLEAN -> rs.getBoolean(index);
            case TIMESTAMP -> readInstant(rs, index, jdbcType);
            case DATE -> rs.getObject(index, LocalDate.class);
            case UUID -> readUuid(rs.getObject(index));
            case BYTES -> rs.getBytes(index);
        };
        return rs.wasNull() ? null : v;
    }

    private static Instant readInstant(ResultSet rs, int index, int jdbcType) throws SQLException {
        // pgjdbc reports timestamptz as Types.TIMESTAMP too: ask for the type name before reading it as local time.
        if (jdbcType == Types.TIMESTAMP && !rs.getMetaData().getColumnTypeName(index).toLowerCase(java.util.Locale.ROOT).contains("tz")) {
            LocalDateTime local = rs.getObject(index, LocalDateTime.class);
            return local == null ? null : local.toInstant(ZoneOffset.UTC);
        }
        Object o = rs.getObject(index);
        if (o == null) {
            return null;
        }
        if (o instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (o instanceof Timestamp ts) {
            return ts.toInstant();
        }
        OffsetDateTime odt = rs.getObject(index, OffsetDateTime.class);
        return odt == null ? null : odt.toInstant();
    }

    private static UUID readUuid(Object o) {
        if (o == null || o instanceof UUID) {
            return (UUID) o;
        }
        if (o instanceof byte[] b && b.length == 16) {
            ByteBuffer bb = ByteBuffer.wrap(b);
            return new UUID(bb.getLong(), bb.getLong());
        }
        return UUID.fromString(o.toString());
    }

    /** The {@link Types} code used to bind a null of this logical type. */
    public static int sqlType(FieldType type) {
        return switch (type) {
            case INTEGER -> Types.BIGINT;
            case DECIMAL -> Types.NUMERIC;
            case FLOAT -> Types.DOUBLE;
            case STRING -> Types.VARCHAR;
            case BOOLEAN -> Types.BOOLEAN;
            case TIMESTAMP -> Types.TIMESTAMP_WITH_TIMEZONE;
            case DATE -> Types.DATE;
            case UUID -> Types.OTHER;
            case BYTES -> Types.VARBINARY;
        };
    }
}
