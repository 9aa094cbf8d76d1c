package io.headwater.engine.lineage.openlineage;

import io.headwater.engine.lineage.openlineage.DatasetNaming.DatasetName;
import io.headwater.engine.lineage.openlineage.LineageEvent.Job;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Expression;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldTag;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.MappedField;
import io.headwater.engine.model.Pipeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A pipeline as OpenLineage events: each flow a job (a {@link LineageEvent.JobEvent} with its source
 * as input and its target as output), each dataset named by {@link DatasetNaming} and described by the
 * {@code schema}, {@code tags} ({@code pii:} and {@code retention:} tags of its fields) and
 * {@code symlinks} facets (its Headwater name, {@code system.dataset}); each output carries the
 * {@code columnLineage} facet built from the flow's mapping, each hop with its transformation. A
 * dataset no flow touches gets a {@link LineageEvent.DatasetEvent}. Immutable and thread-safe.
 */
public final class PipelineExport {
    /** The tag source of tags taken from a config. */
    public static final String TAG_SOURCE = "CONFIG";

    private final Pipeline pipeline;
    private final String jobNamespace;

    /**
     * @param jobNamespace the namespace of the jobs; null for {@link #defaultNamespace(Pipeline)}
     */
    public PipelineExport(Pipeline pipeline, String jobNamespace) {
        this.pipeline = pipeline;
        this.jobNamespace = jobNamespace == null || jobNamespace.isBlank() ? defaultNamespace(pipeline) : jobNamespace;
    }

    /** {@code headwater.{pipeline}}. */
    public static String defaultNamespace(Pipeline pipeline) {
        return "headwater." + pipeline.name();
    }

    public String jobNamespace() {
        return jobNamespace;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    /** Every flow's job event, then a dataset event for each dataset that no flow reads or writes. */
    public List<LineageEvent> events(Instant at) {
        List<LineageEvent> events = new ArrayList<>();
        Set<DatasetRef> touched = new HashSet<>();
        for (Flow flow : pipeline.flows()) {
            touched.add(flow.from());
            touched.add(flow.to());
            events.add(new LineageEvent.JobEvent(at, job(flow), List.of(described(flow.from(), List.of())),
                    List.of(described(flow.to(), List.of(columnLineage(flow))))));
        }
        pipeline.datasets().filter(d -> !touched.contains(d.ref()))
                .forEach(d -> events.add(new LineageEvent.DatasetEvent(at, described(d.ref(), List.of()))));
        return events;
    }

    /** The job of a flow, with its {@code jobType} facet. */
    public Job job(Flow flow) {
        String processing = flow.kind() == FlowKind.CDC || flow.kind() == FlowKind.CONSUME ? "STREAMING" : "BATCH";
        return new Job(jobNamespace, flow.id(), List.of(new Facet.JobType(processing, OpenLineageSpec.INTEGRATION,
                flow.kind().configName().toUpperCase(Locale.ROOT))));
    }

    /** A dataset by name only, as run events name it. */
    public LineageEvent.Dataset named(DatasetRef ref) {
        DatasetName n = name(ref);
        return new LineageEvent.Dataset(n.namespace(), n.name());
    }

    /** The OpenLineage name of a dataset of the pipeline. */
    public DatasetName name(DatasetRef ref) {
        return DatasetNaming.of(pipeline, pipeline.systemOf(ref), pipeline.requireDataset(ref));
    }

    private LineageEvent.Dataset described(DatasetRef ref, List<Facet> extra) {
        Dataset dataset = pipeline.requireDataset(ref);
        List<Facet> facets = new ArrayList<>();
        facets.add(new Facet.Schema(dataset.fields().stream().map(f -> new Facet.SchemaField(f.name(), f.type().configName())).toList()));
        List<Facet.Tag> tags = new ArrayList<>();
        for (Field f : dataset.fields()) {
            for (FieldTag t : f.tags()) {
                tags.add(new Facet.Tag(t.name(), t.value(), TAG_SOURCE, f.name()));
            }
        }
        if (!tags.isEmpty()) {
            facets.add(new Facet.Tags(tags));
        }
        facets.add(new Facet.Symlinks(List.of(new Facet.Symlink("headwater://" + pipeline.name(), ref.toString(),
                OpenLineageSpec.HEADWATER_SYMLINK))));
        facets.addAll(extra);
        DatasetName n = name(ref);
        return new LineageEvent.Dataset(n.namespace(), n.name(), facets, List.of());
    }

    /** The column lineage of a flow's target: for each target field, its source fields and how they are transformed. */
    Facet.ColumnLineage columnLineage(Flow flow) {
        DatasetName source = name(flow.from());
        Map<String, List<Facet.InputField>> fields = new LinkedHashMap<>();
        if (flow.isIdentity()) {
            Optional<Dataset> from = pipeline.dataset(flow.from());
            for (Field f : pipeline.requireDataset(flow.to()).fields()) {
                if (from.isEmpty() || from.get().field(f.name()).isPresent()) {
                    fields.put(f.name(), List.of(new Facet.InputField(source.namespace(), source.name(), f.name(),
                            List.of(new Facet.Transformation("DIRECT", "IDENTITY", "", false)))));
                }
            }
            return new Facet.ColumnLineage(fields);
        }
        for (MappedField m : flow.mapping()) {
            Facet.Transformation how = new Facet.Transformation("DIRECT", subtype(m.expression()), m.expression().toString(), false);
            List<String> inputs = new ArrayList<>(m.expression().sourceFields());
            if (inputs.isEmpty()) {
                // count() reads no field: it counts the source's records, which its key names.
                inputs.addAll(pipeline.requireDataset(flow.from()).key());
            }
            fields.put(m.target(), inputs.stream().map(i -> new Facet.InputField(source.namespace(), source.name(), i, List.of(how))).toList());
        }
        return new Facet.ColumnLineage(fields);
    }

    private static String subtype(Expression e) {
        if (e.isAggregate()) {
            return "AGGREGATION";
        }
        return e instanceof Expression.Column ? "IDENTITY" : "TRANSFORMATION";
    }
}
