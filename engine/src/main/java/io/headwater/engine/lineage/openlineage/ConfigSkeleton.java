package io.headwater.engine.lineage.openlineage;

import io.headwater.engine.config.MappingExpressions;
import io.headwater.engine.lineage.openlineage.DatasetNaming.DatasetName;
import io.headwater.engine.lineage.openlineage.SkeletonPlan.DatasetDraft;
import io.headwater.engine.lineage.openlineage.SkeletonPlan.FlowDraft;
import io.headwater.engine.lineage.openlineage.SkeletonPlan.SystemDraft;
import io.headwater.engine.model.Expression;
import io.headwater.engine.model.FieldTag;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a Headwater config from imported OpenLineage lineage, so that lineage another tool recorded
 * can be verified: a system per data source, a dataset per OpenLineage dataset with its fields,
 * types and {@code pii:}/{@code retention:} tags, a flow per job input and output with the mapping
 * its column lineage describes. Systems named by a Headwater export's hosted namespaces
 * ({@code *.headwater}) come back hosted; others are attached, with flows that others run
 * ({@code runs: external}). What OpenLineage does not carry is marked {@code TODO} in the text: keys
 * (taken from an {@code id} field, the group of an aggregation, or the first field), users and paths.
 * Stateless and thread-safe.
 */
public final class ConfigSkeleton {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:/()@-]*");
    private static final String TODO_USER = "CHANGE-ME";

    private ConfigSkeleton() {
    }

    /** The config text for {@code lineage}; {@code origin} names where the events came from, for the header. */
    public static String write(ImportedLineage lineage, String origin) {
        SkeletonPlan plan = SkeletonPlan.of(lineage);
        StringBuilder y = new StringBuilder();
        y.append("# Written by headwater lineage --from-openlineage from ").append(origin).append(" (")
                .append(lineage.eventCount()).append(" events).\n");
        y.append("# OpenLineage carries no keys: each dataset's key below is a guess (an id field, the group of an\n");
        y.append("# aggregation, or the first field). Check it, and fill in what is marked TODO.\n");
        for (DatasetName u : plan.unsupported) {
            y.append("# left out: ").append(u.namespace()).append(' ').append(u.name()).append(" (no Headwater kind for this namespace)\n");
        }
        y.append("pipeline: ").append(scalar(plan.pipelineName)).append('\n');
        // Its own data directory: never the one of the pipeline the events came from.
        y.append("data-dir: ~/.headwater/imported-").append(plan.pipelineName).append("\n\n");
        y.append("systems:\n");
        for (SystemDraft s : plan.systems) {
            system(y, s, plan);
        }
        y.append("\nflows:\n");
        if (plan.flows.isEmpty()) {
            y.append("  []\n");
        }
        for (FlowDraft f : plan.flows) {
            flow(y, f);
        }
        return y.toString();
    }

    private static void system(StringBuilder y, SystemDraft s, SkeletonPlan plan) {
        y.append("  - id: ").append(s.id()).append('\n');
        y.append("    kind: ").append(s.kind().configName()).append('\n');
        y.append("    role: ").append(s.role().configName()).append('\n');
        y.append("    embedded: ").append(s.hosted()).append('\n');
        if (!s.hosted()) {
            connection(y, s);
        }
        y.append("    datasets:\n");
        for (DatasetDraft d : s.datasets()) {
            dataset(y, s, d, plan);
        }
    }

    private static void connection(StringBuilder y, SystemDraft s) {
        switch (s.kind()) {
            case POSTGRES, MYSQL -> {
                y.append("    address: ").append(scalar(s.address())).append('\n');
                y.append("    database: ").append(scalar(s.database() == null ? TODO_USER : s.database())).append('\n');
                y.append("    user: ").append(TODO_USER).append("   # TODO: the user Headwater connects as (password: ${VAR})\n");
            }
            case LUCENE, MVSTORE, BLOBSTORE -> y.append("    path: ").append(TODO_USER).append("   # TODO: where ").append(s.address())
                    .append(" keeps it\n");
            default -> y.append("    address: ").append(scalar(s.address())).append('\n');
        }
    }

    private static void dataset(StringBuilder y, SystemDraft s, DatasetDraft d, SkeletonPlan plan) {
        y.append("      - id: ").append(d.ref().dataset()).append('\n');
        y.append("        name: ").append(scalar(d.physicalName())).append('\n');
        boolean capturedTopic = s.role() == Role.LOG && plan.flows.stream().anyMatch(f -> f.to().equals(d.ref()) && f.kind().configName().equals("cdc"));
        List<Facet.SchemaField> fields = d.source().fields();
        if (capturedTopic || fields.isEmpty()) {
            if (!capturedTopic) {
                y.append("        # TODO: OpenLineage gave no schema for this dataset: declare key and fields\n");
            }
            return;
        }
        y.append("        key: ").append(scalar(key(d, plan))).append('\n');
        y.append("        fields:\n");
        for (Facet.SchemaField f : fields) {
            List<String> tags = d.source().tags().stream()
                    .filter(t -> f.name().equals(t.field()) && (FieldTag.PII.equals(t.key()) || FieldTag.RETENTION.equals(t.key())))
                    .map(t -> t.key() + ":" + t.value()).distinct().toList();
            String type = type(f.type()).configName();
            y.append("          ").append(scalar(f.name())).append(": ");
            y.append(tags.isEmpty() ? type : "{ type: " + type + ", tags: [" + String.join(", ", tags.stream().map(ConfigSkeleton::scalar).toList()) + "] }");
            y.append('\n');
        }
    }

    private static String key(DatasetDraft d, SkeletonPlan plan) {
        List<String> names = d.source().fields().stream().map(Facet.SchemaField::name).toList();
        for (FlowDraft f : plan.flows) {
            if (f.to().equals(d.ref()) && !f.mapping().isEmpty()) {
                List<String> group = new ArrayList<>();
                boolean aggregate = false;
                for (Map.Entry<String, String> m : f.mapping().entrySet()) {
                    boolean isAggregate = MappingExpressions.parse(m.getValue()).map(Expression::isAggregate).orElse(false);
                    aggregate |= isAggregate;
                    if (!isAggregate) {
                        group.add(m.getKey());
                    }
                }
                if (aggregate && !group.isEmpty()) {
                    return group.get(0);
                }
                return f.mapping().containsKey("id") ? "id" : f.mapping().keySet().iterator().next();
            }
        }
        return names.contains("id") ? "id" : names.get(0);
    }

    private static void flow(StringBuilder y, FlowDraft f) {
        y.append("  - id: ").append(f.id()).append('\n');
        y.append("    kind: ").append(f.kind().configName()).append('\n');
        y.append("    from: ").append(f.from()).append('\n');
        y.append("    to: ").append(f.to()).append('\n');
        if (f.external()) {
            y.append("    runs: external\n");
        }
        if (f.mapping().isEmpty()) {
            return;
        }
        y.append("    mapping:\n");
        Set<String> written = new HashSet<>();
        for (Map.Entry<String, String> m : f.mapping().entrySet()) {
            if (written.add(m.getKey())) {
                y.append("      ").append(scalar(m.getKey())).append(": ").append(scalar(m.getValue()));
                String note = f.comments().get(m.getKey());
                y.append(note == null ? "" : "   # TODO: " + note.replace('\n', ' ')).append('\n');
            }
        }
    }

    /** A field type from a Headwater type name or a database's ({@code VARCHAR}, {@code BIGINT}, ...). */
    static FieldType type(String name) {
        if (name == null) {
            return FieldType.STRING;
        }
        String t = name.toLowerCase(Locale.ROOT).replaceAll("\\(.*", "").trim();
        return FieldType.fromConfigName(t).orElseGet(() -> {
            if (t.matches("(big|small|tiny|medium)?int(eger)?[0-9]*|long|short|serial|bigserial")) {
                return FieldType.INTEGER;
            }
            if (t.matches("numeric|number|dec")) {
                return FieldType.DECIMAL;
            }
            if (t.matches("double( precision)?|real|float[0-9]*")) {
                return FieldType.FLOAT;
            }
            if (t.matches("bool")) {
                return FieldType.BOOLEAN;
            }
            if (t.startsWith("timestamp") || t.equals("datetime")) {
                return FieldType.TIMESTAMP;
            }
            if (t.matches("bytea|binary|varbinary|blob|bytes")) {
                return FieldType.BYTES;
            }
            return FieldType.STRING;
        });
    }

    /** A YAML scalar: plain when safe, else double-quoted. */
    static String scalar(String text) {
        if (text != null && PLAIN.matcher(text).matches() && !text.matches("(?i)true|false|yes|no|on|off|null|~")) {
            return text;
        }
        String s = text == null ? "" : text;
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
