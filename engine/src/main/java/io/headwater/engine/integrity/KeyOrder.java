package io.headwater.engine.integrity;

import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The order of keys every store is scanned in: integers numerically, strings by Unicode code point
 * (PostgreSQL's {@code COLLATE "C"}, byte order of UTF-8), UUIDs as unsigned 128-bit numbers (as
 * PostgreSQL and H2 sort them), dates chronologically; composite keys field by field; null first.
 * A key value given in another Java representation than its type's (an integer key as text, a UUID
 * as a string) is converted by the field's logical type before comparing. Thread-safe.
 */
public final class KeyOrder implements Comparator<Row> {
    private final List<Field> keyFields;
    private final String[] names;
    private final FieldType[] types;

    /** The order over these key fields, compared in the order given. */
    public KeyOrder(List<Field> keyFields) {
        this.keyFields = List.copyOf(keyFields);
        this.names = this.keyFields.stream().map(Field::name).toArray(String[]::new);
        this.types = this.keyFields.stream().map(Field::type).toArray(FieldType[]::new);
    }

    /** The key fields, most significant first. */
    public List<Field> keyFields() {
        return keyFields;
    }

    /** The names of the key fields, most significant first. */
    public List<String> keyNames() {
        return List.of(names);
    }

    @Override
    public int compare(Row a, Row b) {
        for (int i = 0; i < names.length; i++) {
            int c = compareTyped(types[i], a.get(names[i]), b.get(names[i]));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Compares two values of one logical type, converting a value given in another representation. */
    public static int compareTyped(FieldType type, Object x, Object y) {
        if (x == null || y == null || x.getClass() == y.getClass()) {
            return compareValues(x, y);
        }
        return compareValues(coerce(type, x), coerce(type, y));
    }

    /** Compares two key values of the same logical type. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compareValues(Object x, Object y) {
        if (x == null || y == null) {
            return x == null ? (y == null ? 0 : -1) : 1;
        }
        if (x instanceof Number a && y instanceof Number b && !(x instanceof BigDecimal) && !(y instanceof BigDecimal)) {
            return Long.compare(a.longValue(), b.longValue());
        }
        if (x instanceof String a && y instanceof String b) {
            return compareCodePoints(a, b);
        }
        if (x instanceof UUID a && y instanceof UUID b) {
            int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
            return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
        }
        return ((Comparable) x).compareTo(y);
    }

    /** A key value in its type's Java representation (Long, String, UUID, LocalDate). */
    static Object coerce(FieldType type, Object v) {
        return switch (type) {
            case INTEGER -> v instanceof Number n && !(v instanceof BigDecimal) ? n.longValue()
                    : new BigDecimal(v.toString().trim()).longValueExact();
            case STRING -> v.toString();
            case UUID -> v instanceof UUID ? v : UUID.fromString(v.toString().trim());
            case DATE -> v instanceof LocalDate ? v : LocalDate.parse(v.toString().trim());
            default -> v;
        };
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
