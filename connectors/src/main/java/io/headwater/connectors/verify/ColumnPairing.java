package io.headwater.connectors.verify;

import io.headwater.engine.model.FieldType;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * How one source column and one target column are compared when the two may live in different
 * databases (PostgreSQL, MySQL/MariaDB, H2): the logical type both are brought to, and the
 * conversion of each side's value to it. The one place where types are reconciled; the canonical
 * form ({@link io.headwater.engine.integrity.CanonicalForm}) then applies its own normalisation of
 * the logical type on both sides.
 *
 * <p>The rules, by the {@link ColumnKind}s of the two columns:
 * <ol>
 * <li>Both timestamps: {@code TIMESTAMP}, each side truncated toward the past to the lesser of the
 *     two columns' fractional second digits (MySQL {@code DATETIME} holds 0, {@code DATETIME(3)} 3,
 *     PostgreSQL {@code timestamptz} 6), so {@code 12:00:00.123456} equals a {@code DATETIME}
 *     {@code 12:00:00}. A timestamp without time zone ({@code timestamp}, {@code DATETIME}) is read
 *     as UTC; with one ({@code timestamptz}, MySQL {@code TIMESTAMP} in a UTC session) as the instant
 *     it is, so a {@code timestamptz} and a UTC {@code DATETIME} compare by instant.</li>
 * <li>The same kind on both sides: that type. {@code char(n)} padding is not data: PostgreSQL and
 *     H2 fixed-length text loses its trailing spaces, as MySQL's does. Two MySQL booleans
 *     ({@code TINYINT(1)}) compare as numbers.</li>
 * <li>Numbers of different kinds: {@code FLOAT} when either is a float (rounded to
 *     {@value io.headwater.engine.integrity.CanonicalForm#FLOAT_SCALE} places), else {@code DECIMAL}
 *     by value, so {@code 12.50} equals {@code 12.5} and an integer {@code 7} equals {@code 7.00}.</li>
 * <li>A boolean and a MySQL boolean or integer: compared as the text {@code true}/{@code false};
 *     0 is false and 1 is true, and any other number stays that number, unequal to both.</li>
 * <li>A UUID and text ({@code uuid} against {@code CHAR(36)}): compared as lower-case text; text that
 *     is a UUID in either case is lower-cased, other text is kept and so differs. A UUID and 16 bytes
 *     ({@code BINARY(16)}): the bytes read big-endian as a UUID.</li>
 * <li>A date and a timestamp: {@code DATE}, the timestamp's UTC day.</li>
 * <li>Anything else: compared as text, each side as its plain rendering (decimals without exponent,
 *     bytes as lower-case hex, instants in ISO-8601 UTC).</li>
 * </ol>
 * Every string is compared after Unicode NFC normalisation (the canonical form does it), and NULL is
 * never equal to the empty string. Immutable and thread-safe.
 */
public final class ColumnPairing {
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final FieldType type;
    private final ColumnKind sourceKind;
    private final ColumnKind targetKind;
    private final UnaryOperator<Object> sourceValue;
    private final UnaryOperator<Object> targetValue;
    private final boolean exact;
    private final String rule;

    private ColumnPairing(FieldType type, ColumnKind sourceKind, ColumnKind targetKind, UnaryOperator<Object> sourceValue,
                          UnaryOperator<Object> targetValue, boolean exact, String rule) {
        this.type = Objects.requireNonNull(type, "type");
        this.sourceKind = sourceKind;
        this.targetKind = targetKind;
        this.sourceValue = sourceValue;
        this.targetValue = targetValue;
        this.exact = exact;
        this.rule = rule;
    }

    /** The pairing of two columns, from their metadata. */
    public static ColumnPairing of(SqlColumn source, SqlColumn target) {
        return of(source.kind(), source.fractionDigits(), target.kind(), target.fractionDigits());
    }

    /**
     * The pairing of a source value of kind {@code s} (a column, or a mapping function's result) with
     * a target of kind {@code t}.
     *
     * @param sDigits the source's fractional second digits (timestamps only)
     * @param tDigits the target's fractional second digits (timestamps only)
     */
    public static ColumnPairing of(ColumnKind s, int sDigits, ColumnKind t, int tDigits) {
        ColumnKind a = base(s);
        ColumnKind b = base(t);
        if (a.isTimestamp() && b.isTimestamp()) {
            int d = Math.min(sDigits, tDigits);
            UnaryOperator<Object> cut = v -> v == null ? null : ColumnKind.truncate((Instant) v, d);
            return new ColumnPairing(FieldType.TIMESTAMP, s, t, cut, cut, s == t && sDigits == tDigits,
                    "timestamps at " + d + " fractional digits (truncated); without time zone read as UTC");
        }
        if (a == b) {
            return same(s, t, a);
        }
        if (number(a) && number(b)) {
            if (a != ColumnKind.DECIMAL && a != ColumnKind.FLOAT && b != ColumnKind.DECIMAL && b != ColumnKind.FLOAT) {
                return new ColumnPairing(FieldType.INTEGER, s, t, UnaryOperator.identity(), UnaryOperator.identity(), false, "whole numbers");
            }
            return a == ColumnKind.FLOAT || b == ColumnKind.FLOAT
                    ? new ColumnPairing(FieldType.FLOAT, s, t, ColumnPairing::toDouble, ColumnPairing::toDouble, false,
                            "numbers as floats, rounded to 6 places")
                    : new ColumnPairing(FieldType.DECIMAL, s, t, ColumnPairing::toDecimal, ColumnPairing::toDecimal, false,
                            "numbers by value, scale ignored");
        }
        if (booleanLike(a) && booleanLike(b) && (a == ColumnKind.BOOLEAN || b == ColumnKind.BOOLEAN)) {
            return new ColumnPairing(FieldType.STRING, s, t, ColumnPairing::booleanText, ColumnPairing::booleanText, false,
                    "booleans: 0 is false, 1 is true, other numbers differ");
        }
        if (a == ColumnKind.UUID || b == ColumnKind.UUID) {
            ColumnKind other = a == ColumnKind.UUID ? b : a;
            if (other == ColumnKind.TEXT || other == ColumnKind.BYTES) {
                return new ColumnPairing(FieldType.STRING, s, t, ColumnPairing::uuidText, ColumnPairing::uuidText, false,
                        "a UUID equals its text form, in either case");
            }
        }
        if ((a == ColumnKind.DATE && b.isTimestamp()) || (b == ColumnKind.DATE && a.isTimestamp())) {
            return new ColumnPairing(FieldType.DATE, s, t, ColumnPairing::toDate, ColumnPairing::toDate, false,
                    "a date and a timestamp's UTC day");
        }
        return new ColumnPairing(FieldType.STRING, s, t, ColumnPairing::text, ColumnPairing::text, false, "compared as text");
    }

    private static ColumnPairing same(ColumnKind s, ColumnKind t, ColumnKind kind) {
        FieldType type = switch (kind) {
            case INTEGER, BOOLEAN_NUMBER -> FieldType.INTEGER;
            case DECIMAL -> FieldType.DECIMAL;
            case FLOAT -> FieldType.FLOAT;
            case BOOLEAN -> FieldType.BOOLEAN;
            case DATE -> FieldType.DATE;
            case UUID -> FieldType.UUID;
            case BYTES -> FieldType.BYTES;
            default -> FieldType.STRING;
        };
        boolean exact = s == t && s != ColumnKind.FIXED_TEXT && s != ColumnKind.OTHER;
        String rule = switch (type) {
            case DECIMAL -> "decimals by value, scale ignored";
            case FLOAT -> "floats rounded to 6 places";
            case STRING -> s == ColumnKind.FIXED_TEXT || t == ColumnKind.FIXED_TEXT ? "text after NFC, char(n) padding removed" : "text after NFC";
            default -> "as " + type.configName();
        };
        return new ColumnPairing(type, s, t, UnaryOperator.identity(), UnaryOperator.identity(), exact, rule);
    }

    private static ColumnKind base(ColumnKind k) {
        return k == ColumnKind.FIXED_TEXT || k == ColumnKind.OTHER ? ColumnKind.TEXT : k;
    }

    private static boolean number(ColumnKind k) {
        return k == ColumnKind.INTEGER || k == ColumnKind.DECIMAL || k == ColumnKind.FLOAT || k == ColumnKind.BOOLEAN_NUMBER;
    }

    private static boolean booleanLike(ColumnKind k) {
        return k == ColumnKind.BOOLEAN || k == ColumnKind.BOOLEAN_NUMBER || k == ColumnKind.INTEGER;
    }

    /** The logical type both sides are compared as. */
    public FieldType type() {
        return type;
    }

    public ColumnKind sourceKind() {
        return sourceKind;
    }

    public ColumnKind targetKind() {
        return targetKind;
    }

    /** A source value (as {@link ColumnKind#read} gives it) in the compared form. */
    public Object source(Object value) {
        return sourceValue.apply(value);
    }

    /** A target value (as {@link ColumnKind#read} gives it) in the compared form. */
    public Object target(Object value) {
        return targetValue.apply(value);
    }

    /**
     * Whether both columns are of one kind and precision, so the database's canonical SQL (push-down)
     * compares them exactly as these conversions would.
     */
    public boolean exact() {
        return exact;
    }

    /** The rule applied, in a few words: {@code numbers by value, scale ignored}. */
    public String rule() {
        return rule;
    }

    private static Object toDouble(Object v) {
        return v == null ? null : ((Number) v).doubleValue();
    }

    private static Object toDecimal(Object v) {
        return v == null ? null : v instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) v).longValue());
    }

    private static Object booleanText(Object v) {
        if (v == null || v instanceof Boolean) {
            return v == null ? null : v.toString();
        }
        long n = ((Number) v).longValue();
        return n == 0 ? "false" : n == 1 ? "true" : Long.toString(n);
    }

    private static Object uuidText(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof UUID u) {
            return u.toString();
        }
        if (v instanceof byte[] b) {
            if (b.length == 16) {
                ByteBuffer bb = ByteBuffer.wrap(b);
                return new UUID(bb.getLong(), bb.getLong()).toString();
            }
            return HexFormat.of().formatHex(b);
        }
        String s = v.toString();
        return UUID_TEXT.matcher(s).matches() ? s.toLowerCase(Locale.ROOT) : s;
    }

    private static Object toDate(Object v) {
        return v instanceof Instant i ? LocalDate.ofInstant(i, ZoneOffset.UTC) : v;
    }

    /** The plain text of any value read by {@link ColumnKind#read}. */
    static Object text(Object v) {
        if (v == null || v instanceof String) {
            return v;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        return v.toString();
    }

    @Override
    public String toString() {
        return sourceKind + " ~ " + targetKind + " as " + type + ": " + rule;
    }
}
