package io.headwater.views.graph;

import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldTag;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates large pipelines of engine model objects: record systems with tables, captured one to
 * one into log systems, each topic consumed by one derived dataset. {@link #thousandNodes()}: 10
 * record systems of 32 tables, 10 log systems of 32 topics, 20 derived systems of 16 datasets —
 * 960 datasets and 40 systems, 1,000 nodes once every system is expanded (6 fields per dataset).
 */
final class GeneratedPipelines {
    private GeneratedPipelines() {
    }

    static Pipeline generate(int recordSystems, int tablesPerSystem, int fieldsPerDataset) {
        List<SystemSpec> systems = new ArrayList<>();
        List<Flow> flows = new ArrayList<>();
        List<DatasetRef> topics = new ArrayList<>();
        for (int s = 0; s < recordSystems; s++) {
            List<Dataset> tables = new ArrayList<>();
            List<Dataset> topicSets = new ArrayList<>();
            for (int t = 0; t < tablesPerSystem; t++) {
                DatasetRef table = new DatasetRef("db" + s, "table" + t);
                DatasetRef topic = new DatasetRef("log" + s, "topic" + t);
                tables.add(dataset(table, fieldsPerDataset));
                topicSets.add(dataset(topic, fieldsPerDataset));
                flows.add(new Flow("capture-" + s + "-" + t, FlowKind.CDC, table, topic, List.of()));
                topics.add(topic);
            }
            systems.add(new SystemSpec("db" + s, SystemKind.POSTGRES, Role.RECORD, false, Connection.NONE, tables));
            systems.add(new SystemSpec("log" + s, SystemKind.KAFKA, Role.LOG, false, Connection.NONE, topicSets));
        }
        int derivedSystems = Math.max(1, recordSystems * 2);
        int perDerived = (int) Math.ceil(topics.size() / (double) derivedSystems);
        for (int d = 0; d < derivedSystems; d++) {
            List<Dataset> sets = new ArrayList<>();
            for (int i = d * perDerived; i < Math.min(topics.size(), (d + 1) * perDerived); i++) {
                DatasetRef target = new DatasetRef("store" + d, "view" + i);
                sets.add(dataset(target, fieldsPerDataset));
                flows.add(new Flow("consume-" + i, FlowKind.CONSUME, topics.get(i), target, List.of()));
            }
            systems.add(new SystemSpec("store" + d, d % 2 == 0 ? SystemKind.LUCENE : SystemKind.MVSTORE, Role.DERIVED, false, Connection.NONE, sets));
        }
        return new Pipeline("generated", null, Path.of("/tmp/generated"), systems, flows);
    }

    /** About a thousand nodes with every system expanded. */
    static Pipeline thousandNodes() {
        return generate(10, 32, 6);
    }

    private static Dataset dataset(DatasetRef ref, int fields) {
        List<Field> list = new ArrayList<>();
        list.add(new Field("id", FieldType.INTEGER));
        for (int f = 1; f < fields; f++) {
            list.add(f == 1 ? new Field("email", FieldType.STRING, List.of(new FieldTag("pii", "email"))) : new Field("f" + f, FieldType.STRING));
        }
        return new Dataset(ref, ref.dataset(), List.of("id"), list, null);
    }
}
