package io.headwater.views.lineage;

import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldRef;
import io.headwater.engine.model.FieldTag;
import java.util.List;
import java.util.Locale;

/**
 * A field as the lineage view lists it, with its tags.
 *
 * @param pii       personal-data categories ({@code email} for {@code pii:email})
 * @param retention the declared retention, or empty
 */
public record FieldItem(FieldRef ref, String type, List<String> pii, String retention) {
    public FieldItem {
        pii = List.copyOf(pii);
    }

    static FieldItem of(FieldRef ref, Field f) {
        return new FieldItem(ref, f.type().toString().toLowerCase(Locale.ROOT), f.piiCategories(), f.retention().map(FieldTag::value).orElse(""));
    }

    /** {@code pii:email, retention:7y}, or empty. */
    public String tagsText() {
        StringBuilder b = new StringBuilder();
        pii.forEach(p -> b.append(b.length() == 0 ? "" : ", ").append("pii:").append(p));
        if (!retention.isEmpty()) {
            b.append(b.length() == 0 ? "" : ", ").append("retention:").append(retention);
        }
        return b.toString();
    }

    boolean matches(String filter) {
        if (filter.isEmpty()) {
            return true;
        }
        String f = filter.toLowerCase(Locale.ROOT);
        return ref.toString().toLowerCase(Locale.ROOT).contains(f) || tagsText().toLowerCase(Locale.ROOT).contains(f);
    }
}
