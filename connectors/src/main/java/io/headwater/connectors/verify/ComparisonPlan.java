package io.headwater.connectors.verify;

import java.util.List;

/**
 * How {@link CrossEngineSides} compares two tables, for the user to see.
 *
 * @param fields   every key and compared field with its column pairing
 * @param pushDown whether the databases compute checksums, or both sides are read and hashed in Java
 * @param reason   why: {@code different engines}, or the measured costs of a sample
 */
public record ComparisonPlan(List<FieldPairing> fields, boolean pushDown, String reason) {
    public ComparisonPlan {
        fields = List.copyOf(fields);
    }
}
