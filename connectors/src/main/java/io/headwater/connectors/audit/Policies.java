package io.headwater.connectors.audit;

import io.headwater.engine.audit.pii.PiiCategory;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldTag;
import io.headwater.engine.model.FieldType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** What a dataset's tags declare: its retention (the shortest of its fields') and its personal-data categories. */
final class Policies {
    private Policies() {
    }

    static Optional<Duration> retention(Dataset d) {
        return d.fields().stream().flatMap(f -> f.tags().stream()).map(FieldTag::retention).flatMap(Optional::stream).min(Duration::compareTo);
    }

    static boolean hasPii(Dataset d) {
        return d.fields().stream().anyMatch(f -> !f.piiCategories().isEmpty());
    }

    static Set<PiiCategory> declared(Field f) {
        Set<PiiCategory> out = EnumSet.noneOf(PiiCategory.class);
        f.piiCategories().forEach(c -> PiiCategory.fromTag(c).ifPresent(out::add));
        return out;
    }

    static boolean isText(Field f) {
        return f.type() == FieldType.STRING;
    }

    static String human(Duration d) {
        long days = d.toDays();
        if (days >= 365 && days % 365 == 0) {
            return days / 365 + "y";
        }
        if (days >= 1) {
            return days + "d";
        }
        return d.toHours() >= 1 ? d.toHours() + "h" : d.toMinutes() + "min";
    }

    /** An age for humans: {@code 318 days}, {@code 5 h}. */
    static String age(Duration d) {
        return d.toDays() >= 2 ? d.toDays() + " days" : d.toHours() >= 2 ? d.toHours() + " h" : d.toMinutes() + " min";
    }
}
