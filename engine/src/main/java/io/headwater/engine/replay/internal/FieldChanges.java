package io.headwater.engine.replay.internal;

import io.headwater.engine.model.Row;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which fields differ between two images of a record. An absent field and an absent image count as
 * null; decimals compare by value ({@code 1.50} equals {@code 1.5}), bytes by content. Stateless.
 */
public final class FieldChanges {
    private FieldChanges() {
    }

    /** The differing fields, in {@code order} first, then any other field of the images. */
    public static List<String> between(Row before, Row after, List<String> order) {
        Set<String> names = new LinkedHashSet<>(order);
        if (before != null) {
            names.addAll(before.fields());
        }
        if (after != null) {
            names.addAll(after.fields());
        }
        List<String> changed = new ArrayList<>();
        for (String n : names) {
            if (!same(before == null ? null : before.get(n), after == null ? null : after.get(n))) {
                changed.add(n);
            }
        }
        return changed;
    }

    static boolean same(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }
}
