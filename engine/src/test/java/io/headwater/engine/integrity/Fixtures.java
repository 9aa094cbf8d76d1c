package io.headwater.engine.integrity;

import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

/** Records, forms and sides for the integrity tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** The kinds of key a dataset may have. */
    enum KeyKind {
        INTEGER(List.of(new Field("id", FieldType.INTEGER))),
        STRING(List.of(new Field("code", FieldType.STRING))),
        UUID(List.of(new Field("uid", FieldType.UUID))),
        COMPOSITE(List.of(new Field("tenant", FieldType.INTEGER), new Field("login", FieldType.STRING)));

        final List<Field> keyFields;
        private final KeyOrder order;
        private final CanonicalForm form;

        KeyKind(List<Field> keyFields) {
            this.keyFields = keyFields;
            this.order = new KeyOrder(keyFields);
            List<Field> all = new ArrayList<>(keyFields);
            all.addAll(List.of(new Field("name", FieldType.STRING), new Field("amount", FieldType.DECIMAL),
                    new Field("active", FieldType.BOOLEAN)));
            this.form = new CanonicalForm(all);
        }

        KeyOrder order() {
            return order;
        }

        CanonicalForm form() {
            return form;
        }

        /** A random key of this kind (not necessarily unique). */
        Map<String, Object> randomKey(Random r) {
            Map<String, Object> key = new LinkedHashMap<>();
            switch (this) {
                case INTEGER -> key.put("id", r.nextLong() >> r.nextInt(60));
                case STRING -> key.put("code", randomText(r, 1 + r.nextInt(12)));
                case UUID -> key.put("uid", new UUID(r.nextLong(), r.nextLong()));
                case COMPOSITE -> {
                    key.put("tenant", (long) r.nextInt(50));
                    key.put("login", randomText(r, 1 + r.nextInt(8)));
                }
            }
            return key;
        }
    }

    private static final int[] ALPHABET = "abcxyzAZ09 _-|\\äöüßéÅ中文字𝄞😀\u00e9".codePoints().toArray();

    /** A random text over letters, separators, non-ASCII and supplementary characters. */
    static String randomText(Random r, int codePoints) {
        int[] cps = ALPHABET;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            sb.appendCodePoint(cps[r.nextInt(cps.length)]);
        }
        return sb.toString();
    }

    /** {@code n} records with distinct random keys of a kind and random values. */
    static List<Row> randomRows(KeyKind kind, int n, Random r) {
        // Keys' value lists are distinct exactly when the keys are (no two representations of one value here).
        Set<List<Object>> seen = new HashSet<>();
        List<Row> rows = new ArrayList<>(n);
        while (rows.size() < n) {
            Map<String, Object> key = kind.randomKey(r);
            if (seen.add(List.copyOf(key.values()))) {
                rows.add(withValues(Row.of(key), r));
            }
        }
        return rows;
    }

    /** A record of a key with random values. */
    static Row withValues(Row key, Random r) {
        Map<String, Object> m = new LinkedHashMap<>(key.asMap());
        m.put("name", randomText(r, 1 + r.nextInt(10)));
        m.put("amount", BigDecimal.valueOf(r.nextInt(1_000_000), 2));
        m.put("active", r.nextBoolean());
        return Row.of(m);
    }

    /** A copy of a record with one field changed. */
    static Row with(Row row, String field, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(row.asMap());
        m.put(field, value);
        return Row.of(m);
    }

    static RowsVerifySide side(String name, KeyKind kind, Collection<Row> rows, boolean pushesDown) {
        return new RowsVerifySide(name, kind.form(), kind.order(), rows, pushesDown);
    }

    /** The key of a record, as a row of the key fields. */
    static Function<Row, Row> keyOf(KeyKind kind) {
        List<String> names = kind.order().keyNames();
        return row -> row.project(names);
    }
}
