package io.headwater.engine.lineage.openlineage;

import io.headwater.engine.lineage.openlineage.DatasetNaming.DatasetName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The lineage graph that a set of OpenLineage events describe, whoever recorded them: the datasets
 * (with the fields, tags and Headwater names their facets give) and the jobs that read and write
 * them (with their column lineage). Events of the same job or dataset are merged: inputs and outputs
 * add up, the first schema seen stands, tags add up. Facets Headwater does not read are skipped.
 * Build with {@link #of(List)}; immutable afterwards and thread-safe.
 */
public final class ImportedLineage {
    /**
     * A dataset met in the events.
     *
     * @param headwaterName its {@code system.dataset} name, when a Headwater export gave it one (symlink); else null
     */
    public record ImportedDataset(DatasetName id, List<Facet.SchemaField> fields, List<Facet.Tag> tags, String headwaterName) {
        public ImportedDataset {
            Objects.requireNonNull(id, "id");
            fields = List.copyOf(fields);
            tags = List.copyOf(tags);
        }
    }

    /**
     * A job met in the events.
     *
     * @param jobType       its {@code jobType} facet, or null
     * @param columnLineage per output dataset, the column lineage facet its events carried
     */
    public record ImportedJob(String namespace, String name, Facet.JobType jobType, List<DatasetName> inputs, List<DatasetName> outputs,
                              Map<DatasetName, Facet.ColumnLineage> columnLineage) {
        public ImportedJob {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
            columnLineage = Collections.unmodifiableMap(new LinkedHashMap<>(columnLineage));
        }
    }

    private final Map<DatasetName, ImportedDataset> datasets;
    private final List<ImportedJob> jobs;
    private final int events;

    private ImportedLineage(Map<DatasetName, ImportedDataset> datasets, List<ImportedJob> jobs, int events) {
        this.datasets = Collections.unmodifiableMap(new LinkedHashMap<>(datasets));
        this.jobs = List.copyOf(jobs);
        this.events = events;
    }

    /** The graph of these events, in the order they name things. */
    public static ImportedLineage of(List<LineageEvent> events) {
        Builder b = new Builder();
        for (LineageEvent e : events) {
            if (e instanceof LineageEvent.Run run) {
                b.job(run.job(), run.inputs(), run.outputs());
            } else if (e instanceof LineageEvent.JobEvent job) {
                b.job(job.job(), job.inputs(), job.outputs());
            } else if (e instanceof LineageEvent.DatasetEvent ds) {
                b.dataset(ds.dataset());
            }
        }
        List<ImportedJob> jobs = new ArrayList<>();
        b.jobs.forEach((key, j) -> jobs.add(new ImportedJob(j.namespace, j.name, j.jobType, new ArrayList<>(j.inputs),
                new ArrayList<>(j.outputs), j.columnLineage)));
        Map<DatasetName, ImportedDataset> datasets = new LinkedHashMap<>();
        b.datasets.forEach((id, d) -> datasets.put(id, new ImportedDataset(id, d.fields == null ? List.of() : d.fields,
                new ArrayList<>(d.tags), d.headwaterName)));
        return new ImportedLineage(datasets, jobs, events.size());
    }

    public List<ImportedDataset> datasets() {
        return List.copyOf(datasets.values());
    }

    public Optional<ImportedDataset> dataset(DatasetName id) {
        return Optional.ofNullable(datasets.get(id));
    }

    public List<ImportedJob> jobs() {
        return jobs;
    }

    /** How many events the graph was built from. */
    public int eventCount() {
        return events;
    }

    /** Whether any job writes into {@code id}. */
    public boolean isWritten(DatasetName id) {
        return jobs.stream().anyMatch(j -> j.outputs().contains(id));
    }

    /** Collects events; not thread-safe. */
    private static final class Builder {
        private final Map<DatasetName, MutableDataset> datasets = new LinkedHashMap<>();
        private final Map<String, MutableJob> jobs = new LinkedHashMap<>();

        void job(LineageEvent.Job job, List<LineageEvent.Dataset> inputs, List<LineageEvent.Dataset> outputs) {
            MutableJob j = jobs.computeIfAbsent(job.namespace() + "\n" + job.name(), k -> new MutableJob(job.namespace(), job.name()));
            job.facets().stream().filter(Facet.JobType.class::isInstance).map(Facet.JobType.class::cast).findFirst()
                    .ifPresent(t -> j.jobType = j.jobType == null ? t : j.jobType);
            inputs.forEach(d -> j.inputs.add(dataset(d)));
            for (LineageEvent.Dataset d : outputs) {
                DatasetName id = dataset(d);
                j.outputs.add(id);
                d.facet(Facet.ColumnLineage.class).ifPresent(cl -> j.columnLineage.putIfAbsent(id, cl));
            }
        }

        DatasetName dataset(LineageEvent.Dataset d) {
            DatasetName id = new DatasetName(d.namespace(), d.name());
            MutableDataset m = datasets.computeIfAbsent(id, k -> new MutableDataset());
            d.facet(Facet.Schema.class).ifPresent(s -> m.fields = m.fields == null ? s.fields() : m.fields);
            d.facet(Facet.Tags.class).ifPresent(t -> m.tags.addAll(t.tags()));
            d.facet(Facet.Symlinks.class).ifPresent(s -> s.identifiers().stream()
                    .filter(i -> OpenLineageSpec.HEADWATER_SYMLINK.equals(i.type())).findFirst()
                    .ifPresent(i -> m.headwaterName = m.headwaterName == null ? i.name() : m.headwaterName));
            return id;
        }
    }

    private static final class MutableDataset {
        private List<Facet.SchemaField> fields;
        private final Set<Facet.Tag> tags = new LinkedHashSet<>();
        private String headwaterName;
    }

    private static final class MutableJob {
        private final String namespace;
        private final String name;
        private Facet.JobType jobType;
        private final Set<DatasetName> inputs = new LinkedHashSet<>();
        private final Set<DatasetName> outputs = new LinkedHashSet<>();
        private final Map<DatasetName, Facet.ColumnLineage> columnLineage = new LinkedHashMap<>();

        MutableJob(String namespace, String name) {
            this.namespace = namespace;
            this.name = name;
        }
    }
}
