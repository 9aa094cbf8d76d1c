package io.headwater.engine.model;

import java.util.Objects;

/**
 * Names a dataset inside a pipeline as {@code system.dataset}, for example {@code pg.customers}.
 * Neither part contains a dot.
 */
public record DatasetRef(String system, String dataset) implements Comparable<DatasetRef> {
    public DatasetRef {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(dataset, "dataset");
    }

    /** Parses {@code system.dataset}; returns null when the text is not of that form. */
    public static DatasetRef parse(String text) {
        if (text == null) {
            return null;
        }
        int dot = text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1 || text.indexOf('.', dot + 1) >= 0) {
            return null;
        }
        return new DatasetRef(text.substring(0, dot), text.substring(dot + 1));
    }

    @Override
    public int compareTo(DatasetRef o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return system + "." + dataset;
    }
}
