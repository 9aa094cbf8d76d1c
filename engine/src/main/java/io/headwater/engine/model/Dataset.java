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
 * @param sortField      the field of an OpenSearch or Elasticsearch document that holds the record key with doc values
 *                       (keyword or numeric), which a scan sorts on; null when not declared (the scan then goes by
 *                       {@code _id}) and for datasets of other kinds
 */
public record Dataset(DatasetRef ref, String physicalName, List<String> key, List<Field> fields, String timestampField,
                      LogFormat logFormat, RedisKeyspace keyspace, String sortField) {
    public Dataset {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(physicalName, "physicalName");
        key = List.copyOf(key);
        fields = List.copyOf(fields);
    }

    /** A dataset without a declared sort field. */
    public Dataset(DatasetRef ref, String physicalName, List<String> key, List<Field> fields, String timestampField,
                   LogFormat logFormat, RedisKeyspace keyspace) {
        this(ref, physicalName, key, fields, timestampField, logFormat, keyspace, null);
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
        return new Dataset(ref, physicalName, newKey, newFields, timestampField, logFormat, keyspace, sortField);
    }

    /** A copy whose records are written in {@code format}. */
    public Dataset withFormat(LogFormat format) {
        return new Dataset(ref, physicalName, key, fields, timestampField, format, keyspace, sortField);
    }

    /**
     * The document field an OpenSearch scan sorts on (the config's {@code key-field}); empty when not
     * declared.
     */
    public Optional<String> sortFieldOpt() {
        return Optional.ofNullable(sortField);
    }

    /** A copy whose scans sort on the document field {@code field}. */
    public Dataset withSortField(String field) {
        return new Dataset(ref, physicalName, key, fields, timestampField, logFormat, keyspace, field);
    }

    /** A copy under another physical name (a generation of an index behind an alias). */
    public Dataset withPhysicalName(String name) {
        return new Dataset(ref, name, key, fields, timestampField, logFormat, keyspace, sortField);
    }

    /** A copy kept in Redis under {@code redisKeyspace}. */
    public Dataset withKeyspace(RedisKeyspace redisKeyspace) {
        return new Dataset(ref, physicalName, key, fields, timestampField, logFormat, redisKeyspace, sortField);
    }
}
