package io.headwater.views.rebuild;

import io.headwater.engine.replay.AsOf;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Where the Rebuild view starts reading the log. A rebuild always replays from the beginning (or
 * resumes an interrupted shadow); an offset or an instant materialises the dataset as it was then,
 * read-only (time travel).
 */
public enum StartPoint {
    BEGINNING("from the beginning (rebuild)"),
    OFFSET("as of an offset (time travel)"),
    INSTANT("as of an instant (time travel)");

    private final String label;

    StartPoint(String label) {
        this.label = label;
    }

    /** The point to materialise as of, from the text the user typed; fails with a message naming the accepted form. */
    public AsOf asOf(String value) {
        String v = value == null ? "" : value.trim();
        return switch (this) {
            case BEGINNING -> throw new IllegalArgumentException("a rebuild starts from the beginning; choose an offset or an instant to time travel");
            case OFFSET -> {
                try {
                    yield AsOf.offset(Long.parseLong(v));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + v + "' is not an offset: enter a whole number, e.g. 120", e);
                }
            }
            case INSTANT -> {
                try {
                    yield AsOf.instant(Instant.parse(v));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("'" + v + "' is not an instant: enter it like 2026-11-25T10:00:00Z", e);
                }
            }
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
