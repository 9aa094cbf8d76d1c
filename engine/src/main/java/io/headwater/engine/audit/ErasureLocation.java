package io.headwater.engine.audit;

import java.util.List;
import java.util.Objects;

/**
 * One place an erasure trace looked at, and how much of the subject it still holds.
 *
 * @param place   the dataset or store ({@code search.customers}, {@code kafka.customers})
 * @param kind    what kind of place it is
 * @param how     how the subject is linked there: {@code key}, {@code customer_id}, {@code log key}
 * @param records how many records (rows, documents, log events, blobs) still hold the subject's data
 * @param details explanation and masked examples
 */
public record ErasureLocation(String place, Kind kind, String how, long records, List<String> details) {
    /** The kinds of place. */
    public enum Kind {
        RECORD, LOG, DERIVED, RESIDUE;

        public String label() {
            return switch (this) {
                case RECORD -> "system of record";
                case LOG -> "event log";
                case DERIVED -> "derived store";
                case RESIDUE -> "store files (deleted but not purged)";
            };
        }
    }

    public ErasureLocation {
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(how, "how");
        details = List.copyOf(details);
    }

    public boolean holds() {
        return records > 0;
    }
}
