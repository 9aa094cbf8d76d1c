package io.headwater.app.openlineage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headwater.engine.lineage.openlineage.Facet;
import io.headwater.engine.lineage.openlineage.LineageEvent;
import io.headwater.engine.lineage.openlineage.OpenLineageSpec;
import java.util.List;
import java.util.Map;

/**
 * Writes {@link LineageEvent}s as OpenLineage JSON (specification {@value OpenLineageSpec#VERSION}):
 * every event with {@code eventTime}, {@code producer} and {@code schemaURL}; every facet with
 * {@code _producer} and {@code _schemaURL}; empty facet objects left out. Read them back with
 * {@link OpenLineageReader}. Thread-safe.
 */
public final class OpenLineageJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private OpenLineageJson() {
    }

    /** The event as one line of JSON (no line break inside). */
    public static String line(LineageEvent event) {
        return tree(event).toString();
    }

    /** The event as a JSON tree. */
    public static ObjectNode tree(LineageEvent event) {
        ObjectNode root = MAPPER.createObjectNode();
        if (event instanceof LineageEvent.Run run) {
            root.put("eventType", run.eventType().name());
            root.put("eventTime", run.eventTime().toString());
            ObjectNode r = root.putObject("run");
            r.put("runId", run.runId().toString());
            facets(r, "facets", run.runFacets());
            job(root, run.job());
            datasets(root.putArray("inputs"), run.inputs());
            datasets(root.putArray("outputs"), run.outputs());
        } else if (event instanceof LineageEvent.JobEvent job) {
            root.put("eventTime", job.eventTime().toString());
            job(root, job.job());
            datasets(root.putArray("inputs"), job.inputs());
            datasets(root.putArray("outputs"), job.outputs());
        } else if (event instanceof LineageEvent.DatasetEvent ds) {
            root.put("eventTime", ds.eventTime().toString());
            dataset(root.putObject("dataset"), ds.dataset());
        }
        root.put("producer", OpenLineageSpec.PRODUCER);
        root.put("schemaURL", event.schemaUrl());
        return root;
    }

    private static void job(ObjectNode root, LineageEvent.Job job) {
        ObjectNode j = root.putObject("job");
        j.put("namespace", job.namespace());
        j.put("name", job.name());
        facets(j, "facets", job.facets());
    }

    private static void datasets(ArrayNode array, List<LineageEvent.Dataset> datasets) {
        datasets.forEach(d -> dataset(array.addObject(), d));
    }

    private static void dataset(ObjectNode node, LineageEvent.Dataset d) {
        node.put("namespace", d.namespace());
        node.put("name", d.name());
        facets(node, "facets", d.facets());
        facets(node, "inputFacets", d.inputFacets());
    }

    private static void facets(ObjectNode parent, String field, List<Facet> facets) {
        if (facets.isEmpty()) {
            return;
        }
        ObjectNode all = parent.putObject(field);
        for (Facet f : facets) {
            ObjectNode node = all.putObject(f.name());
            node.put("_producer", OpenLineageSpec.PRODUCER);
            node.put("_schemaURL", f.schemaUrl());
            body(node, f);
        }
    }

    private static void body(ObjectNode node, Facet facet) {
        if (facet instanceof Facet.Schema s) {
            ArrayNode fields = node.putArray("fields");
            s.fields().forEach(f -> {
                ObjectNode n = fields.addObject().put("name", f.name());
                if (f.type() != null) {
                    n.put("type", f.type());
                }
            });
        } else if (facet instanceof Facet.ColumnLineage cl) {
            ObjectNode fields = node.putObject("fields");
            for (Map.Entry<String, List<Facet.InputField>> e : cl.fields().entrySet()) {
                ArrayNode inputs = fields.putObject(e.getKey()).putArray("inputFields");
                for (Facet.InputField in : e.getValue()) {
                    ObjectNode i = inputs.addObject().put("namespace", in.namespace()).put("name", in.name()).put("field", in.field());
                    ArrayNode ts = i.putArray("transformations");
                    in.transformations().forEach(t -> {
                        ObjectNode tn = ts.addObject().put("type", t.type());
                        if (t.subtype() != null) {
                            tn.put("subtype", t.subtype());
                        }
                        tn.put("description", t.description()).put("masking", t.masking());
                    });
                }
            }
        } else if (facet instanceof Facet.Tags tags) {
            ArrayNode array = node.putArray("tags");
            tags.tags().forEach(t -> putIfPresent(putIfPresent(array.addObject().put("key", t.key()).put("value", t.value()), "source", t.source()),
                    "field", t.field()));
        } else if (facet instanceof Facet.Symlinks s) {
            ArrayNode array = node.putArray("identifiers");
            s.identifiers().forEach(i -> array.addObject().put("namespace", i.namespace()).put("name", i.name()).put("type", i.type()));
        } else if (facet instanceof Facet.DataQualityAssertions a) {
            ArrayNode array = node.putArray("assertions");
            a.assertions().forEach(x -> putIfPresent(array.addObject().put("assertion", x.assertion()).put("success", x.success()), "column", x.column()));
        } else if (facet instanceof Facet.DataQualityMetrics m) {
            node.put("rowCount", m.rowCount());
            node.putObject("columnMetrics");
        } else if (facet instanceof Facet.JobType t) {
            putIfPresent(node.put("processingType", t.processingType()).put("integration", t.integration()), "jobType", t.jobType());
        } else if (facet instanceof Facet.ErrorMessage e) {
            node.put("message", e.message()).put("programmingLanguage", e.programmingLanguage());
        }
    }

    private static ObjectNode putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
        return node;
    }
}
