package io.headwater.engine.integrity;

import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The canonical text of a record, version 1 ({@value #VERSION}). A record is reduced to the compared
 * fields, which are taken in order of their names; each value is normalised by its logical type and
 * the values are joined with {@code |} after the version prefix:
 * <pre>
 *   hw1|&lt;value of field a&gt;|&lt;value of field b&gt;|...
 * </pre>
 * Value texts by type:
 * <ul>
 * <li>null: {@code \N} (distinct from the empty string, which is empty)</li>
 * <li>integer: decimal digits with an optional minus ({@code -42})</li>
 * <li>decimal: the exact value without trailing zeros, never in exponent form ({@code 12.5}, {@code 100}, {@code 0})</li>
 * <li>float: rounded half-up to {@value #FLOAT_SCALE} decimal places, then as a decimal; {@code NaN}, {@code Infinity}, {@code -Infinity}</li>
 * <li>string: Unicode NFC</li>
 * <li>boolean: {@code true} or {@code false}</li>
 * <li>timestamp: microseconds since 1970-01-01T00:00:00Z, truncated toward the past</li>
 * <li>date: ISO {@code yyyy-MM-dd}</li>
 * <li>uuid: lower-case {@code 8-4-4-4-12} hex</li>
 * <li>bytes: lower-case hex</li>
 * </ul>
 * In every value, {@code \} is written {@code \\} and {@code |} is written {@code \|}, so the text is
 * unambiguous. The text is hashed as UTF-8. SQL stores compute the same text inside the database
 * (see the connectors' push-down), so a fingerprint means the same in every system. Thread-safe.
 */
public final class CanonicalForm {
    /** The version prefix; a change of the encoding changes it. */
    public static final String VERSION = "hw1";
    /** Decimal places floats are rounded to before comparison. */
    public static final int FLOAT_SCALE = 6;
    private static final long MICROS = 1_000_000L;

    private final List<Field> fields;

    /** A canonical form over these fields (any order given; they are sorted by name). */
    public CanonicalForm(List<Field> fields) {
        this.fields = fields.stream().sorted(Comparator.comparing(Field::name)).toList();
    }

    /** The compared fields, in canonical (name) order. */
    public List<Field> fields() {
        return fields;
    }

    /** The canonical text of a record. */
    public String text(Row row) {
        StringBuilder sb = new StringBuilder(64).append(VERSION);
        for (Field f : fields) {
            sb.append('|').append(valueText(f.type(), row.get(f.name())));
        }
        return sb.toString();
    }

    /** The canonical text of one value of a logical type (escaped). */
    public static String valueText(FieldType type, Object value) {
        if (value == null) {
            return "\\N";
        }
        String t = switch (type) {
            case INTEGER -> integer(value);
            case DECIMAL -> decimal(value);
            case FLOAT -> floating(value);
            case STRING -> Normalizer.normalize(value.toString(), Normalizer.Form.NFC);
            case BOOLEAN -> bool(value);
            case TIMESTAMP -> Long.toString(micros(value));
            case DATE -> date(value).toString();
            case UUID -> uuid(value).toString().toLowerCase(Locale.ROOT);
            case BYTES -> HexFormat.of().formatHex(bytes(value));
        };
        return escape(t);
    }

    static String escape(String s) {
        if (s.indexOf('\\') < 0 && s.indexOf('|') < 0) {
            return s;
        }
        return s.replace("\\", "\\\\").replace("|", "\\|");
    }

    private static String integer(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return v.toString();
        }
        if (v instanceof BigInteger b) {
            return b.toString();
        }
        if (v instanceof BigDecimal d) {
            return d.toBigIntegerExact().toString();
        }
        // Doubles and texts such as "12.0" hold integers too; a fraction is an error, not a rounding.
        return new BigDecimal(v.toString().trim()).toBigIntegerExact().toString();
    }

    private static String decimal(Object v) {
        BigDecimal d = v instanceof BigDecimal b ? b
                : v instanceof Long || v instanceof Integer ? BigDecimal.valueOf(((Number) v).longValue())
                : new BigDecimal(v.toString().trim());
        if (d.signum() == 0) {
            return "0";
        }
        return d.stripTrailingZeros().toPlainString();
    }

    private static String floating(Object v) {
        double d = v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString().trim());
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        BigDecimal r = BigDecimal.valueOf(d).setScale(FLOAT_SCALE, RoundingMode.HALF_UP);
        return r.signum() == 0 ? "0" : r.stripTrailingZeros().toPlainString();
    }

    private static String bool(Object v) {
        if (v instanceof Boolean b) {
            return b.toString();
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        return Boolean.toString(s.equals("true") || s.equals("t") || s.equals("1"));
    }

    /** Microseconds since the epoch of a timestamp value (Instant, Offset/Zoned/LocalDateTime as UTC, or ISO text). */
    public static long micros(Object v) {
        Instant i = v instanceof Instant x ? x
                : v instanceof OffsetDateTime o ? o.toInstant()
                : v instanceof ZonedDateTime z ? z.toInstant()
                : v instanceof LocalDateTime l ? l.toInstant(ZoneOffset.UTC)
                : Instant.parse(v.toString().trim());
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), MICROS), i.getNano() / 1000);
    }

    private static LocalDate date(Object v) {
        return v instanceof LocalDate d ? d : v instanceof Instant i ? LocalDate.ofInstant(i, ZoneOffset.UTC) : LocalDate.parse(v.toString().trim());
    }

    private static UUID uuid(Object v) {
        return v instanceof UUID u ? u : UUID.fromString(v.toString().trim());
    }

    private static byte[] bytes(Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        throw new IllegalArgumentException("not a bytes value: " + v.getClass().getSimpleName());
    }

    /** Truncates an instant as the canonical form does (for displaying compared values). */
    public static Instant truncate(Instant i) {
        return i.truncatedTo(ChronoUnit.MICROS);
    }
}
