package io.headwater.engine.model;

import java.util.Objects;

/** Names one field of one dataset: {@code pg.customers.email}. */
public record FieldRef(DatasetRef dataset, String field) implements Comparable<FieldRef> {
    public FieldRef {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(field, "field");
    }

    /** Parses {@code system.dataset.field}; returns null when the text is not of that form. */
    public static FieldRef parse(String text) {
        if (text == null) {
            return null;
        }
        int last = text.lastIndexOf('.');
        if (last <= 0 || last == text.length() - 1) {
            return null;
        }
        DatasetRef ds = DatasetRef.parse(text.substring(0, last));
        return ds == null ? null : new FieldRef(ds, text.substring(last + 1));
    }

    @Override
    public int compareTo(FieldRef o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return dataset + "." + field;
    }
}
