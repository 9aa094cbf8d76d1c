package io.headwater.engine.discover;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.discover.DiscoveredPipeline.Dataset;
import io.headwater.engine.discover.DiscoveredPipeline.Flow;
import io.headwater.engine.discover.SchemaCatalog.TableSchema;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.LogFormat;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Joins the connectors' readings and their databases' schemas into a {@link DiscoveredPipeline}:
 * each captured table a dataset of its database's system (fields and key from the database), each
 * of its topics a dataset of the Kafka system, a cdc flow between them; each sink's target a dataset
 * of the sink's store with a consume flow from its topic. Every flow is {@code runs: external} with its
 * connector, slot or consumer group. Not thread-safe: one assembler per discovery.
 */
public final class DiscoveryAssembler {
    /** The Kafka system's id in a discovered pipeline. */
    public static final String KAFKA_ID = "kafka";

    private final SchemaCatalog catalog;
    private final Ids systemIds = new Ids();
    private final Ids flowIds = new Ids();
    private final Map<String, SystemDraft> systems = new LinkedHashMap<>();
    private final SystemDraft kafka;
    private final Map<String, TopicSource> topics = new LinkedHashMap<>();
    private final List<Flow> flows = new ArrayList<>();
    private final List<NotUnderstood> notUnderstood = new ArrayList<>();

    /** What discovery knows of a topic a capture writes: its dataset in the Kafka system and its source table. */
    record TopicSource(String datasetId, String sourceRef, TableSchema table) {
    }

    /**
     * @param catalog      where the databases' tables are read
     * @param kafkaAddress the Kafka bootstrap servers, or null when not known ({@code ${KAFKA_BOOTSTRAP}} is written)
     */
    public DiscoveryAssembler(SchemaCatalog catalog, String kafkaAddress) {
        this.catalog = catalog;
        this.kafka = new SystemDraft(systemIds.allocate(KAFKA_ID), SystemKind.KAFKA, Role.LOG,
                kafkaAddress == null ? "${KAFKA_BOOTSTRAP}" : kafkaAddress, null, null, null);
        if (kafkaAddress == null) {
            kafka.comments.add("the Kafka bootstrap servers are not in the connectors' configs: set KAFKA_BOOTSTRAP or discover with --kafka");
        }
    }

    /** Lists something discovery read outside the connectors (a Debezium Server's sink) as not understood. */
    public void notUnderstood(NotUnderstood item) {
        notUnderstood.add(item);
    }

    /**
     * Reads every connector and assembles the pipeline; the captures first, so that sinks find their topics.
     *
     * @param origin     where the connectors were read, for the config's first comment
     * @param connectUrl the Kafka Connect REST API they run in, or null
     */
    public DiscoveredPipeline assemble(String name, String origin, String connectUrl, List<ConnectorSnapshot> connectors) {
        List<ConnectorReading> readings = connectors.stream().map(ConnectorInterpreters::read).toList();
        for (ConnectorReading r : readings) {
            notUnderstood.addAll(r.notUnderstood());
            if (r instanceof CaptureReading capture) {
                addCapture(capture);
            }
        }
        for (int i = 0; i < readings.size(); i++) {
            if (readings.get(i) instanceof SinkReading sink) {
                addSink(sink, connectors.get(i).trackedTopics());
            }
        }
        List<DiscoveredPipeline.System> out = new ArrayList<>();
        // a system none of whose datasets could be written is left out, unless it says why
        systems.values().stream().filter(s -> s.role == Role.RECORD && s.worthWriting()).forEach(s -> out.add(s.build()));
        if (!kafka.datasets.isEmpty()) {
            out.add(kafka.build());
        }
        systems.values().stream().filter(s -> s.role == Role.DERIVED && s.worthWriting()).forEach(s -> out.add(s.build()));
        return new DiscoveredPipeline(name, origin, connectUrl, connectors, out, flows, notUnderstood);
    }

    private void addCapture(CaptureReading capture) {
        DatabaseRef db = capture.database();
        if (db.kind() == null) {
            return; // listed as not understood by the interpreter
        }
        SystemDraft system = system(Role.RECORD, db.kind(), db.address(), db.database(), db.user(), db.hasPassword());
        List<TableSchema> tables = tablesOf(system, capture.connector());
        if (tables == null) {
            tables = capture.tables().literalTables().stream().map(t -> {
                int dot = t.lastIndexOf('.');
                return new TableSchema(t.substring(0, dot), t.substring(dot + 1), List.of(), List.of());
            }).toList();
        }
        for (TableSchema table : tables) {
            if (!capture.tables().admits(table.schema(), table.name()) || table.schema().equalsIgnoreCase("information_schema")
                    || table.schema().toLowerCase(Locale.ROOT).startsWith("pg_")) {
                continue;
            }
            String qualified = table.schema() + "." + table.name();
            if (!table.columns().isEmpty() && table.primaryKey().isEmpty()) {
                notUnderstood.add(new NotUnderstood(capture.connector(), "table " + qualified,
                        "has no primary key: Headwater compares records by key, so it is not in the pipeline"));
                continue;
            }
            List<String> comments = new ArrayList<>(guessedTypes(table));
            if (table.columns().isEmpty()) {
                comments.add("columns and key not read (see the system's comment): fill in key and fields");
            }
            Dataset dataset = system.addDataset(table.name(), qualified, table.primaryKey(), fieldsOf(table), null, comments);
            String topic = capture.topicOf(table.schema(), table.name());
            String topicDatasetId = kafka.datasetIds.allocate(table.name());
            kafka.datasets.add(new Dataset(topicDatasetId, topic, List.of(), Map.of(),
                    capture.transforms().flattens() ? LogFormat.FLATTENED : null, null, null, List.of()));
            String sourceRef = system.id + "." + dataset.id();
            topics.put(topic, new TopicSource(topicDatasetId, sourceRef, table));
            List<String> flowComments = new ArrayList<>(capture.guesses());
            flowComments.addAll(capture.transforms().notes());
            flows.add(new Flow(flowIds.allocate("capture-" + dataset.id()), FlowKind.CDC, sourceRef, kafka.id + "." + topicDatasetId,
                    capture.connector(), capture.slot(), null, flowComments));
        }
    }

    private void addSink(SinkReading sink, List<String> trackedTopics) {
        SinkStore store = sink.store();
        if (store.kind() == null || (store.kind() == SystemKind.REDIS && store.redisLayout() == null)) {
            return; // listed as not understood by the interpreter (S3, an unknown JDBC URL, a Redis structure)
        }
        Set<String> consumed = new LinkedHashSet<>(sink.topics());
        topics.keySet().stream().filter(sink::consumes).forEach(consumed::add);
        trackedTopics.stream().filter(sink::consumes).forEach(consumed::add);
        SystemDraft system = system(Role.DERIVED, store.kind(), store.address(), store.database(), store.user(), store.hasPassword());
        List<TableSchema> sinkTables = isSql(store.kind()) ? tablesOf(system, sink.connector()) : List.of();
        for (String topic : consumed) {
            new SinkTarget(this, sink, system, topic, sinkTables).add();
        }
    }

    static boolean isSql(SystemKind kind) {
        return kind == SystemKind.POSTGRES || kind == SystemKind.MYSQL;
    }

    /** The tables of a SQL system's database, or null (with a comment on the system) when they cannot be read. */
    List<TableSchema> tablesOf(SystemDraft system, String connector) {
        if (system.tables != null || system.tablesProblem != null) {
            return system.tables;
        }
        try {
            system.tables = catalog.tables(new SchemaCatalog.Target(system.kind, system.address, system.database, system.user,
                    system.passwordVariable));
        } catch (HeadwaterException e) {
            system.tablesProblem = e.getMessage();
            system.comments.add("could not read its tables' columns and keys (" + e.getMessage() + ")");
        }
        return system.tables;
    }

    SystemDraft system(Role role, SystemKind kind, String address, String database, String user, boolean hasPassword) {
        String key = role + "|" + kind + "|" + address + "|" + database;
        return systems.computeIfAbsent(key, k -> {
            String base = switch (kind) {
                case POSTGRES, MYSQL -> database == null ? kind.configName() : database;
                default -> kind.configName();
            };
            String id = systemIds.allocate(base);
            String variable = hasPassword ? id.toUpperCase(Locale.ROOT).replace('-', '_') + "_PASSWORD" : null;
            return new SystemDraft(id, kind, role, address, database, user, variable);
        });
    }

    static Map<String, FieldType> fieldsOf(TableSchema table) {
        Map<String, FieldType> fields = new LinkedHashMap<>();
        table.columns().forEach(c -> fields.put(c.name(), c.type()));
        return fields;
    }

    static List<String> guessedTypes(TableSchema table) {
        return table.columns().stream().filter(SchemaCatalog.Column::guessed)
                .map(c -> "column " + c.name() + " is " + c.sqlType() + ": read as string").toList();
    }

    TopicSource topicSource(String topic) {
        return topics.get(topic);
    }

    /** Adds a topic that no discovered capture writes, with the fields of {@code like}. */
    TopicSource addForeignTopic(String topic, TableSchema like) {
        String id = kafka.datasetIds.allocate(like.name());
        kafka.datasets.add(new Dataset(id, topic, like.primaryKey(), fieldsOf(like), null, null, null,
                List.of("no discovered connector writes this topic: its key and fields are the sink table's")));
        TopicSource source = new TopicSource(id, null, like);
        topics.put(topic, source);
        return source;
    }

    String kafkaId() {
        return kafka.id;
    }

    void addFlow(Flow flow) {
        flows.add(flow);
    }

    String flowId(String name) {
        return flowIds.allocate(name);
    }

    /** A system being assembled. Not thread-safe. */
    static final class SystemDraft {
        final String id;
        final SystemKind kind;
        final Role role;
        final String address;
        final String database;
        final String user;
        final String passwordVariable;
        final List<Dataset> datasets = new ArrayList<>();
        final List<String> comments = new ArrayList<>();
        final Ids datasetIds = new Ids();
        List<TableSchema> tables;
        String tablesProblem;

        SystemDraft(String id, SystemKind kind, Role role, String address, String database, String user, String passwordVariable) {
            this.id = id;
            this.kind = kind;
            this.role = role;
            this.address = address;
            this.database = database;
            this.user = user;
            this.passwordVariable = passwordVariable;
        }

        Dataset addDataset(String name, String physical, List<String> key, Map<String, FieldType> fields, LogFormat format,
                           List<String> comments) {
            Dataset d = new Dataset(datasetIds.allocate(name), physical, key, fields, format, null, null, comments);
            datasets.add(d);
            return d;
        }

        boolean worthWriting() {
            return !datasets.isEmpty() || !comments.isEmpty();
        }

        DiscoveredPipeline.System build() {
            return new DiscoveredPipeline.System(id, kind, role, address, database, user, passwordVariable, datasets, comments);
        }
    }
}
