package io.headwater.views.verify;

import io.headwater.engine.integrity.Finding;
import io.headwater.engine.model.Row;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One compared field of a finding, side by side: the system of record's value and the derived
 * store's.
 *
 * @param sourceValue the system of record's value as text; "(absent)" when it lacks the key
 * @param targetValue the derived store's value as text; "(absent)" when it lacks the key
 * @param differs     whether this field is one that differs
 */
public record FieldComparison(String field, String sourceValue, String targetValue, boolean differs) {
    static final String ABSENT = "(absent)";

    /** The fields of a finding, in the order the source lists them, then those only the target has. */
    public static List<FieldComparison> of(Finding f) {
        Set<String> names = new LinkedHashSet<>();
        if (f.sourceValues() != null) {
            names.addAll(f.sourceValues().fields());
        }
        if (f.targetValues() != null) {
            names.addAll(f.targetValues().fields());
        }
        if (names.isEmpty()) {
            names.addAll(f.key().fields());
        }
        List<FieldComparison> out = new ArrayList<>();
        for (String n : names) {
            String s = text(f.sourceValues(), n, f.key());
            String t = text(f.targetValues(), n, f.key());
            boolean differs = f.differingFields().contains(n) || f.sourceValues() == null || f.targetValues() == null
                    || !Objects.equals(s, t);
            out.add(new FieldComparison(n, s, t, differs));
        }
        return out;
    }

    private static String text(Row values, String field, Row key) {
        if (values == null) {
            return ABSENT;
        }
        Object v = values.has(field) ? values.get(field) : key.get(field);
        return valueText(v);
    }

    /** A value as shown in the workbench: "null" for null, bytes as their length. */
    public static String valueText(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof byte[] b) {
            return "(" + b.length + " bytes)";
        }
        return String.valueOf(v);
    }

    /** A key as one line: {@code 42} for a single field, {@code a=1, b=x} for several. */
    public static String keyText(Row key) {
        if (key.fields().size() == 1) {
            return valueText(key.asMap().values().iterator().next());
        }
        List<String> parts = new ArrayList<>();
        key.asMap().forEach((k, v) -> parts.add(k + "=" + valueText(v)));
        return String.join(", ", parts);
    }
}
