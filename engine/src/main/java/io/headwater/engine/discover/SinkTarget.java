package io.headwater.engine.discover;

import io.headwater.engine.discover.DiscoveredPipeline.Dataset;
import io.headwater.engine.discover.DiscoveredPipeline.Flow;
import io.headwater.engine.discover.DiscoveryAssembler.SystemDraft;
import io.headwater.engine.discover.DiscoveryAssembler.TopicSource;
import io.headwater.engine.discover.SchemaCatalog.TableSchema;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.SystemKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One topic of one sink connector made a dataset of the sink's store and a consume flow into it: a
 * table found in the sink database's schema (its columns shared with the source, its key from
 * {@code pk.fields}, the table or the source), an index or a Redis key space with the source's fields
 * and key. Not thread-safe: used once by the assembler.
 */
final class SinkTarget {
    private final DiscoveryAssembler assembler;
    private final SinkReading sink;
    private final SystemDraft system;
    private final String topic;
    private final List<TableSchema> sinkTables;
    private final List<String> comments = new ArrayList<>();

    SinkTarget(DiscoveryAssembler assembler, SinkReading sink, SystemDraft system, String topic, List<TableSchema> sinkTables) {
        this.assembler = assembler;
        this.sink = sink;
        this.system = system;
        this.topic = topic;
        this.sinkTables = sinkTables;
    }

    void add() {
        String target = sink.targetOf(topic);
        TopicSource source = assembler.topicSource(topic);
        Dataset dataset = DiscoveryAssembler.isSql(system.kind) ? table(target, source) : keyed(target, source);
        if (dataset == null) {
            return;
        }
        source = assembler.topicSource(topic);
        List<String> flowComments = new ArrayList<>(sink.guesses());
        flowComments.addAll(comments);
        assembler.addFlow(new Flow(assembler.flowId("sink-" + dataset.id()), FlowKind.CONSUME,
                assembler.kafkaId() + "." + source.datasetId(), system.id + "." + dataset.id(), sink.connector(), null,
                sink.consumerGroup(), flowComments));
    }

    private Dataset table(String target, TopicSource source) {
        String[] parts = target.split("\\.");
        String tableName = parts[parts.length - 1];
        String schema = parts.length > 1 ? parts[parts.length - 2] : (system.kind == SystemKind.POSTGRES ? "public" : system.database);
        Optional<TableSchema> table = sinkTables == null ? Optional.empty() : sinkTables.stream()
                .filter(t -> t.name().equalsIgnoreCase(tableName) && t.schema().equalsIgnoreCase(schema)).findFirst();
        if (table.isEmpty()) {
            if (source == null || source.table().columns().isEmpty()) {
                unread("table " + schema + "." + tableName + " (topic " + topic + ")", "not found in " + system.kind.configName() + " "
                        + system.address + "/" + system.database + " and no discovered source gives its fields; not in the pipeline");
                return null;
            }
            comments.add("table " + schema + "." + tableName + " was not found in the sink database: its fields are the source's");
            return system.addDataset(tableName, schema + "." + tableName, keyOf(source.table(), source.table()), sharedFields(source.table(), null),
                    null, List.of());
        }
        TableSchema t = table.get();
        if (source == null) {
            source = assembler.addForeignTopic(topic, t);
        }
        List<String> key = keyOf(t, source.table());
        if (key.isEmpty()) {
            unread("table " + schema + "." + tableName, "has no key: neither pk.fields, a primary key nor a source key; not in the pipeline");
            return null;
        }
        List<String> datasetComments = new ArrayList<>(DiscoveryAssembler.guessedTypes(t));
        return system.addDataset(tableName, t.schema() + "." + t.name(), key, sharedFields(source.table(), t), null, datasetComments);
    }

    /** The key: the configured pk.fields, else the table's primary key, else the source's. */
    private List<String> keyOf(TableSchema table, TableSchema sourceTable) {
        if (!sink.keyFields().isEmpty()) {
            return sink.keyFields();
        }
        if (!table.primaryKey().isEmpty()) {
            return table.primaryKey();
        }
        return sourceTable == null ? List.of() : sourceTable.primaryKey();
    }

    /** The sink table's columns that the source also has (all of them when there is no source), in the table's order. */
    private Map<String, FieldType> sharedFields(TableSchema sourceTable, TableSchema sinkTable) {
        if (sinkTable == null) {
            return DiscoveryAssembler.fieldsOf(sourceTable);
        }
        Map<String, FieldType> fields = new LinkedHashMap<>();
        List<String> extra = new ArrayList<>();
        for (SchemaCatalog.Column c : sinkTable.columns()) {
            if (sourceTable == null || sourceTable.columns().isEmpty() || sourceTable == sinkTable || sourceTable.column(c.name()).isPresent()) {
                fields.put(c.name(), c.type());
            } else {
                extra.add(c.name());
            }
        }
        if (!extra.isEmpty()) {
            comments.add("sink columns " + extra + " are not in the source table: left out of the comparison");
        }
        return fields;
    }

    /** An index or a Redis key space: the source's fields and key. */
    private Dataset keyed(String target, TopicSource source) {
        String what = system.kind.configName() + " " + (system.kind == SystemKind.REDIS ? "keys " + target + "*" : "index " + target);
        if (source == null || source.table().columns().isEmpty()) {
            unread(what + " (topic " + topic + ")", "no discovered source gives its fields and key; not in the pipeline");
            return null;
        }
        if (!sink.keyFromRecord()) {
            unread(what, "not keyed by the record key, so not comparable with its source; not in the pipeline");
            return null;
        }
        TableSchema t = source.table();
        List<String> datasetComments = new ArrayList<>();
        datasetComments.add("fields and key are the source table's (" + t.schema() + "." + t.name() + "); the store's own "
                + (system.kind == SystemKind.REDIS ? "values were" : "mapping was") + " not read");
        if (system.kind == SystemKind.REDIS) {
            if (sink.store().redisLayout() == null) {
                return null; // listed as not understood by the interpreter
            }
            String id = system.datasetIds.allocate(t.name());
            Dataset d = new Dataset(id, target, t.primaryKey(), DiscoveryAssembler.fieldsOf(t), null, sink.store().redisLayout(), target,
                    datasetComments);
            system.datasets.add(d);
            return d;
        }
        return system.addDataset(t.name(), target, t.primaryKey(), DiscoveryAssembler.fieldsOf(t), null, datasetComments);
    }

    private void unread(String item, String reason) {
        assembler.notUnderstood(new NotUnderstood(sink.connector(), item, reason));
    }
}
