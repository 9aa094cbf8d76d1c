package io.headwater.engine.integrity;

import io.headwater.engine.model.Field;
import io.headwater.engine.model.Row;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A half-open range of keys, {@code [from, to)}; a null bound is unbounded. Bounds are key rows
 * (one value per key field).
 */
public record KeyRange(Row from, Row to) {
    /** Every key. */
    public static final KeyRange ALL = new KeyRange(null, null);
    private static final BigInteger UUID_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    /**
     * The range that holds exactly one key: {@code [key, successor)}. When the last key field has no
     * successor (the largest long, UUID or date), the range is unbounded above and callers keep only
     * the key itself.
     */
    public static KeyRange exactly(Row key, KeyOrder order) {
        Field last = order.keyFields().get(order.keyFields().size() - 1);
        Object next = successor(last, key.get(last.name()));
        if (next == null) {
            return new KeyRange(key, null);
        }
        Map<String, Object> to = new LinkedHashMap<>(key.asMap());
        to.put(last.name(), next);
        return new KeyRange(key, Row.of(to));
    }

    private static Object successor(Field field, Object value) {
        if (value == null) {
            return null;
        }
        Object v = KeyOrder.coerce(field.type(), value);
        return switch (field.type()) {
            case INTEGER -> (Long) v == Long.MAX_VALUE ? null : (Long) v + 1;
            // "\0" is the smallest code point, so s + "\0" is the next string in code-point order.
            case STRING -> v + "\0";
            case UUID -> nextUuid((UUID) v);
            case DATE -> v.equals(LocalDate.MAX) ? null : ((LocalDate) v).plusDays(1);
            default -> null;
        };
    }

    private static UUID nextUuid(UUID u) {
        BigInteger n = new BigInteger(Long.toUnsignedString(u.getMostSignificantBits())).shiftLeft(64)
                .or(new BigInteger(Long.toUnsignedString(u.getLeastSignificantBits())));
        if (n.equals(UUID_MAX)) {
            return null;
        }
        BigInteger m = n.add(BigInteger.ONE);
        return new UUID(m.shiftRight(64).longValue(), m.longValue());
    }

    /** Whether the key lies in this range. */
    public boolean contains(Row key, KeyOrder order) {
        return (from == null || order.compare(key, from) >= 0) && (to == null || order.compare(key, to) < 0);
    }

    /** Whether the whole range lies before the key (the key is at or beyond the upper bound). */
    public boolean liesBefore(Row key, KeyOrder order) {
        return to != null && order.compare(key, to) >= 0;
    }

    @Override
    public String toString() {
        return "[" + (from == null ? "-inf" : from.asMap().values()) + ", " + (to == null ? "+inf" : to.asMap().values()) + ")";
    }
}
