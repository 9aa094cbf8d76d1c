package io.headwater.engine.lineage.openlineage;

import io.headwater.engine.config.MappingExpressions;
import io.headwater.engine.lineage.openlineage.DatasetNaming.DatasetName;
import io.headwater.engine.lineage.openlineage.ImportedLineage.ImportedDataset;
import io.headwater.engine.lineage.openlineage.ImportedLineage.ImportedJob;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Expression;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How an {@link ImportedLineage} maps onto a Headwater config: a system per data source (and
 * database), a dataset per OpenLineage dataset, a flow per job input and output. Names that a
 * Headwater export gave (the {@code HEADWATER} symlink) are kept; others are made from the namespace
 * and name. Built once by {@link #of}; not thread-safe while building, immutable afterwards.
 */
final class SkeletonPlan {
    record SystemDraft(String id, SystemKind kind, Role role, boolean hosted, String address, String database, List<DatasetDraft> datasets) {
    }

    record DatasetDraft(DatasetRef ref, String physicalName, ImportedDataset source) {
    }

    /**
     * @param mapping  target field to expression text, in order; empty for an identity flow
     * @param comments target field to a note on a mapping that could not be carried over
     */
    record FlowDraft(String id, FlowKind kind, DatasetRef from, DatasetRef to, boolean external, Map<String, String> mapping,
                     Map<String, String> comments) {
    }

    final String pipelineName;
    final List<SystemDraft> systems = new ArrayList<>();
    final List<FlowDraft> flows = new ArrayList<>();
    /** Datasets in namespaces whose scheme names no kind Headwater knows. */
    final List<DatasetName> unsupported = new ArrayList<>();
    private final Map<DatasetName, DatasetRef> refs = new LinkedHashMap<>();
    private final Map<String, SystemDraft> systemsByKey = new LinkedHashMap<>();

    private SkeletonPlan(String pipelineName) {
        this.pipelineName = pipelineName;
    }

    static SkeletonPlan of(ImportedLineage lineage) {
        SkeletonPlan plan = new SkeletonPlan(pipelineName(lineage));
        lineage.datasets().forEach(d -> plan.place(d, lineage));
        Set<String> flowIds = new HashSet<>();
        for (ImportedJob job : lineage.jobs()) {
            List<DatasetName[]> pairs = new ArrayList<>();
            for (DatasetName in : job.inputs()) {
                for (DatasetName out : job.outputs()) {
                    if (plan.refs.containsKey(in) && plan.refs.containsKey(out) && !in.equals(out)) {
                        pairs.add(new DatasetName[] {in, out});
                    }
                }
            }
            for (int i = 0; i < pairs.size(); i++) {
                String base = sanitize(job.name(), "[^A-Za-z0-9_-]", "flow") + (pairs.size() > 1 ? "-" + (i + 1) : "");
                plan.flows.add(plan.flow(unique(base, flowIds), job, pairs.get(i)[0], pairs.get(i)[1]));
            }
        }
        return plan;
    }

    DatasetRef ref(DatasetName name) {
        return refs.get(name);
    }

    Optional<SystemDraft> system(String id) {
        return systems.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private void place(ImportedDataset d, ImportedLineage lineage) {
        Optional<SystemKind> kind = DatasetNaming.kindOf(d.id().namespace());
        if (kind.isEmpty()) {
            unsupported.add(d.id());
            return;
        }
        DatasetRef given = DatasetRef.parse(d.headwaterName());
        String[] parts = d.id().name().split("\\.");
        boolean sql = kind.get() == SystemKind.POSTGRES && parts.length == 3 || kind.get() == SystemKind.MYSQL && parts.length == 2;
        String database = sql ? parts[0] : null;
        String physical = sql ? d.id().name().substring(parts[0].length() + 1) : d.id().name();
        String key = given != null ? given.system() : d.id().namespace() + "|" + database;
        SystemDraft system = systemsByKey.get(key);
        if (system == null) {
            String authority = DatasetNaming.authorityOf(d.id().namespace());
            String id = given != null ? given.system() : unique(sanitize(kind.get().configName() + "-" + authority.split("[.:]")[0]
                    + (database == null ? "" : "-" + database), "[^a-z0-9_-]", "system"), systemIds());
            system = new SystemDraft(id, kind.get(), Role.RECORD, DatasetNaming.isHosted(d.id().namespace()), authority, database, new ArrayList<>());
            systemsByKey.put(key, system);
            systems.add(system);
        }
        if (lineage.isWritten(d.id()) && system.role() == Role.RECORD) {
            system = replaceRole(key, system, system.kind() == SystemKind.KAFKA ? Role.LOG : Role.DERIVED);
        }
        Set<String> taken = new HashSet<>();
        system.datasets().forEach(x -> taken.add(x.ref().dataset()));
        String datasetId = given != null ? given.dataset() : unique(sanitize(parts[parts.length - 1], "[^A-Za-z0-9_-]", "dataset"), taken);
        DatasetRef ref = new DatasetRef(system.id(), datasetId);
        system.datasets().add(new DatasetDraft(ref, physical, d));
        refs.put(d.id(), ref);
    }

    private SystemDraft replaceRole(String key, SystemDraft old, Role role) {
        SystemDraft updated = new SystemDraft(old.id(), old.kind(), role, old.hosted(), old.address(), old.database(), old.datasets());
        systemsByKey.put(key, updated);
        systems.set(systems.indexOf(old), updated);
        return updated;
    }

    private Set<String> systemIds() {
        Set<String> ids = new HashSet<>();
        systems.forEach(s -> ids.add(s.id()));
        return ids;
    }

    private FlowDraft flow(String id, ImportedJob job, DatasetName in, DatasetName out) {
        DatasetRef from = refs.get(in);
        DatasetRef to = refs.get(out);
        SystemDraft source = system(from.system()).orElseThrow();
        SystemDraft target = system(to.system()).orElseThrow();
        FlowKind kind = kind(job, source, target);
        Map<String, String> mapping = new LinkedHashMap<>();
        Map<String, String> comments = new LinkedHashMap<>();
        Facet.ColumnLineage lineage = job.columnLineage().get(out);
        boolean identity = true;
        if (lineage != null) {
            for (Map.Entry<String, List<Facet.InputField>> e : lineage.fields().entrySet()) {
                List<Facet.InputField> inputs = e.getValue().stream()
                        .filter(f -> f.namespace().equals(in.namespace()) && f.name().equals(in.name())).toList();
                if (inputs.isEmpty()) {
                    continue;
                }
                String description = inputs.stream().flatMap(f -> f.transformations().stream()).map(Facet.Transformation::description)
                        .filter(t -> !t.isBlank()).findFirst().orElse("");
                identity &= description.isEmpty() && inputs.size() == 1 && inputs.get(0).field().equals(e.getKey());
                Optional<Expression> parsed = MappingExpressions.parse(description);
                Set<String> names = new HashSet<>();
                inputs.forEach(f -> names.add(f.field()));
                if (parsed.isPresent() && (names.containsAll(parsed.get().sourceFields()))) {
                    mapping.put(e.getKey(), parsed.get().toString());
                } else {
                    mapping.put(e.getKey(), inputs.get(0).field());
                    if (!description.isEmpty()) {
                        comments.put(e.getKey(), "was: " + description);
                    }
                }
            }
        }
        if (identity) {
            mapping.clear();
        }
        return new FlowDraft(id, kind, from, to, !(source.hosted() && target.hosted()), mapping, comments);
    }

    private static FlowKind kind(ImportedJob job, SystemDraft source, SystemDraft target) {
        if (job.jobType() != null && OpenLineageSpec.INTEGRATION.equals(job.jobType().integration()) && job.jobType().jobType() != null) {
            Optional<FlowKind> k = FlowKind.fromConfigName(job.jobType().jobType().toLowerCase(Locale.ROOT));
            if (k.isPresent()) {
                return k.get();
            }
        }
        if (target.role() == Role.LOG) {
            return FlowKind.CDC;
        }
        if (source.kind() == SystemKind.KAFKA) {
            return FlowKind.CONSUME;
        }
        return source.role() == Role.LOG ? FlowKind.TRANSFORM : FlowKind.COPY;
    }

    private static String pipelineName(ImportedLineage lineage) {
        String ns = lineage.jobs().isEmpty() ? "imported" : lineage.jobs().get(0).namespace();
        String name = ns.startsWith("headwater.") ? ns.substring("headwater.".length()) : ns;
        return sanitize(name, "[^A-Za-z0-9_.-]", "imported");
    }

    static String sanitize(String text, String invalid, String fallback) {
        String lower = invalid.contains("A-Z") ? text : text.toLowerCase(Locale.ROOT);
        String s = lower.replaceAll(invalid, "_").replaceAll("_+", "_").replaceAll("^[_.-]+|[_.-]+$", "");
        return s.isEmpty() ? fallback : s;
    }

    private static String unique(String base, Set<String> taken) {
        String candidate = base;
        for (int n = 2; taken.contains(candidate); n++) {
            candidate = base + "-" + n;
        }
        taken.add(candidate);
        return candidate;
    }
}
