package io.headwater.engine.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One record as field name to value, in a stable order. Values use the Java types listed on
 * {@link FieldType}; {@code null} is a value (distinct from an absent field and from "").
 */
public final class Row {
    private final Map<String, Object> values;

    private Row(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static Row of(Map<String, ?> values) {
        return new Row(new LinkedHashMap<>(values));
    }

    public static Row of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return new Row(m);
    }

    public Object get(String field) {
        return values.get(field);
    }

    public boolean has(String field) {
        return values.containsKey(field);
    }

    public Set<String> fields() {
        return values.keySet();
    }

    public Map<String, Object> asMap() {
        return values;
    }

    /** The sub-row of the given fields, in that order. */
    public Row project(Iterable<String> names) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String n : names) {
            m.put(n, values.get(n));
        }
        return new Row(m);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Row r) || !r.values.keySet().equals(values.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object other = r.values.get(e.getKey());
            if (e.getValue() instanceof byte[] a && other instanceof byte[] b) {
                if (!java.util.Arrays.equals(a, b)) {
                    return false;
                }
            } else if (!Objects.equals(e.getValue(), other)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return values.keySet().hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
