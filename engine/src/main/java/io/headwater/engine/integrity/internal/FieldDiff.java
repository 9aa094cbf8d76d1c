package io.headwater.engine.integrity.internal;

import io.headwater.engine.integrity.CanonicalForm;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.Row;
import java.util.ArrayList;
import java.util.List;

/** Names the compared fields whose canonical values differ between two records. */
public final class FieldDiff {
    private FieldDiff() {
    }

    /** The differing fields in canonical order; empty when either record has no values. */
    public static List<String> differingFields(CanonicalForm form, Row source, Row target) {
        if (source == null || target == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (Field f : form.fields()) {
            String s = CanonicalForm.valueText(f.type(), source.get(f.name()));
            String t = CanonicalForm.valueText(f.type(), target.get(f.name()));
            if (!s.equals(t)) {
                names.add(f.name());
            }
        }
        return names;
    }
}
