package io.headwater.engine.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The functions a flow mapping may use. Scalar functions transform one value; aggregate functions
 * ({@link #isAggregate()}) make the flow an aggregation grouped by its non-aggregate targets.
 */
public enum MappingFunction {
    LOWER(1, false), UPPER(1, false), TRIM(1, false), DAY(1, false),
    SUM(1, true), COUNT(0, true), MIN(1, true), MAX(1, true);

    private final int arity;
    private final boolean aggregate;

    MappingFunction(int arity, boolean aggregate) {
        this.arity = arity;
        this.aggregate = aggregate;
    }

    public int arity() {
        return arity;
    }

    public boolean isAggregate() {
        return aggregate;
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MappingFunction> fromConfigName(String name) {
        return Arrays.stream(values()).filter(f -> f.configName().equals(name)).findFirst();
    }

    /** The result type for an argument of type {@code arg} (null for {@code count()}). */
    public FieldType resultType(FieldType arg) {
        return switch (this) {
            case LOWER, UPPER, TRIM -> FieldType.STRING;
            case DAY -> FieldType.DATE;
            case COUNT -> FieldType.INTEGER;
            case SUM -> arg == FieldType.FLOAT ? FieldType.FLOAT : arg == FieldType.INTEGER ? FieldType.INTEGER : FieldType.DECIMAL;
            case MIN, MAX -> arg;
        };
    }

    /** Which argument types the function accepts. */
    public boolean accepts(FieldType arg) {
        return switch (this) {
            case LOWER, UPPER, TRIM -> arg == FieldType.STRING;
            case DAY -> arg == FieldType.TIMESTAMP || arg == FieldType.DATE;
            case SUM -> arg == FieldType.INTEGER || arg == FieldType.DECIMAL || arg == FieldType.FLOAT;
            case COUNT -> true;
            case MIN, MAX -> arg != FieldType.BYTES && arg != FieldType.BOOLEAN;
        };
    }

    /** Applies a scalar function; aggregates are computed by the store that holds the groups. */
    public Object applyScalar(Object value) {
        if (value == null) {
            return null;
        }
        return switch (this) {
            case LOWER -> value.toString().toLowerCase(Locale.ROOT);
            case UPPER -> value.toString().toUpperCase(Locale.ROOT);
            case TRIM -> value.toString().trim();
            case DAY -> value instanceof Instant i ? LocalDate.ofInstant(i, ZoneOffset.UTC) : (LocalDate) value;
            default -> throw new IllegalStateException(this + " is an aggregate, not a scalar function");
        };
    }

    /** Folds one value into an aggregate's running result (used for in-memory aggregation). */
    public Object accumulate(Object acc, Object value) {
        return switch (this) {
            case COUNT -> (acc == null ? 0L : (Long) acc) + 1L;
            case SUM -> value == null ? acc : acc == null ? value : add(acc, value);
            case MIN -> value == null ? acc : acc == null || compare(value, acc) < 0 ? value : acc;
            case MAX -> value == null ? acc : acc == null || compare(value, acc) > 0 ? value : acc;
            default -> throw new IllegalStateException(this + " is not an aggregate");
        };
    }

    private static Object add(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return x + y;
        }
        if (a instanceof Double x && b instanceof Double y) {
            return x + y;
        }
        return toDecimal(a).add(toDecimal(b));
    }

    private static BigDecimal toDecimal(Object o) {
        return o instanceof BigDecimal d ? d : new BigDecimal(o.toString());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }
}
