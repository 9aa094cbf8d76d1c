package io.headwater.engine.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table, topic, index or keyspace inside a system.
 *
 * @param ref            the pipeline-wide name, {@code system.dataset}
 * @param physicalName   the name inside the system: a table ({@code public.customers}), a topic, an
 *                       index directory or a map name
 * @param key            the key fields, in order (one for a simple key, several for a composite one)
 * @param fields         every field, key fields included
 * @param timestampField the field that tells a record's age, for retention checks; may be null
 */
public record Dataset(DatasetRef ref, String physicalName, List<String> key, List<Field> fields, String timestampField) {
    public Dataset {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(physicalName, "physicalName");
        key = List.copyOf(key);
        fields = List.copyOf(fields);
    }

    public Optional<Field> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public List<Field> keyFields() {
        return key.stream().map(k -> field(k).orElseThrow(() -> new IllegalStateException(ref + " has no key field " + k))).toList();
    }

    public List<String> fieldNames() {
        return fields.stream().map(Field::name).toList();
    }

    public Optional<String> timestamp() {
        return Optional.ofNullable(timestampField);
    }

    /** A copy with other fields; used when a log dataset inherits the fields of its source. */
    public Dataset withFields(List<String> newKey, List<Field> newFields) {
        return new Dataset(ref, physicalName, newKey, newFields, timestampField);
    }
}
