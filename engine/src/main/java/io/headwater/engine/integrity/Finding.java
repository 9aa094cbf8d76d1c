package io.headwater.engine.integrity;

import io.headwater.engine.model.Row;
import java.util.List;
import java.util.Objects;

/**
 * One key that differs between the source and the derived store.
 *
 * @param type            what is wrong
 * @param key             the key (one value per key field)
 * @param differingFields for {@link FindingType#MISMATCHED}, the compared fields whose canonical
 *                        values differ, in canonical order; otherwise empty
 * @param sourceValues    the compared fields as the source has them; null when the source lacks the key
 * @param targetValues    the compared fields as the derived store has them; null when it lacks the key
 * @param note            why a re-check classified it so ("still changing after 5 rounds"); may be null
 */
public record Finding(FindingType type, Row key, List<String> differingFields, Row sourceValues, Row targetValues, String note) {
    public Finding {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        differingFields = differingFields == null ? List.of() : List.copyOf(differingFields);
    }

    /** A finding without a note. */
    public Finding(FindingType type, Row key, List<String> differingFields, Row sourceValues, Row targetValues) {
        this(type, key, differingFields, sourceValues, targetValues, null);
    }

    /** The key is in the source only. */
    public static Finding missing(Row key, Row sourceValues) {
        return new Finding(FindingType.MISSING, key, List.of(), sourceValues, null);
    }

    /** The key is in the derived store only. */
    public static Finding extra(Row key, Row targetValues) {
        return new Finding(FindingType.EXTRA, key, List.of(), null, targetValues);
    }

    /** This finding reclassified, with a note saying why. */
    public Finding reclassified(FindingType newType, String why) {
        return new Finding(newType, key, differingFields, sourceValues, targetValues, why);
    }
}
