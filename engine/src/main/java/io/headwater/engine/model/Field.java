package io.headwater.engine.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A column or attribute of a dataset, with its logical type and tags. */
public record Field(String name, FieldType type, List<FieldTag> tags) {
    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        tags = List.copyOf(tags);
    }

    public Field(String name, FieldType type) {
        this(name, type, List.of());
    }

    /** The personal-data categories of this field ({@code email} for {@code pii:email}). */
    public List<String> piiCategories() {
        return tags.stream().filter(FieldTag::isPii).map(FieldTag::value).toList();
    }

    public Optional<FieldTag> retention() {
        return tags.stream().filter(FieldTag::isRetention).findFirst();
    }
}
