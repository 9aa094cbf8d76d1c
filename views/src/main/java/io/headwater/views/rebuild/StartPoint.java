package io.headwater.views.rebuild;

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

    @Override
    public String toString() {
        return label;
    }
}
