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
 * @param logFormat      how the records of a Kafka topic are written; null for datasets that are not topics, and
 *                       for topics that take the default of their system (see {@link #format()})
 * @param keyspace       the key prefix and layout of a Redis dataset; null for datasets that are not in Redis
 */
public record Dataset(DatasetRef ref, String physicalName, List<String> key, List<Field> fields, String timestampField,
                      LogFormat logFormat, RedisKeyspace keyspace) {
    public Dataset {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(physicalName, "physicalName");
        key = List.copyOf(key);
        fields = List.copyOf(fields);
    }

    /** A dataset that is not in Redis. */
    public Dataset(DatasetRef ref, String physicalName, List<String> key, List<Field> fields, String timestampField,
                   LogFormat logFormat) {
        this(ref, physicalName, key, fields, timestampField, logFormat, null);
    }

    /** A dataset without a declared log format. */
    public Dataset(DatasetRef ref, String physicalName, List<String> key, List<Field> fields, String timestampField) {
        this(ref, physicalName, key, fields, timestampField, null, null);
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

    /**
     * How the topic's records are written, when known: the config resolves it for every dataset of a
     * kafka system ({@code events} for an event-sourced record, {@code debezium} otherwise, unless
     * declared); empty for datasets built without one.
     */
    public Optional<LogFormat> format() {
        return Optional.ofNullable(logFormat);
    }

    /** The key prefix and layout of a Redis dataset; empty for datasets built without one. */
    public Optional<RedisKeyspace> redisKeyspace() {
        return Optional.ofNullable(keyspace);
    }

    /** A copy with other fields; used when a log dataset inherits the fields of its source. */
    public Dataset withFields(List<String> newKey, List<Field> newFields) {
        return new Dataset(ref, physicalName, newKey, newFields, timestampField, logFormat, keyspace);
    }

    /** A copy whose records are written in {@code format}. */
    public Dataset withFormat(LogFormat format) {
        return new Dataset(ref, physicalName, key, fields, timestampField, format, keyspace);
    }

    /** A copy kept in Redis under {@code redisKeyspace}. */
    public Dataset withKeyspace(RedisKeyspace redisKeyspace) {
        return new Dataset(ref, physicalName, key, fields, timestampField, logFormat, redisKeyspace);
    }
}
