package io.headwater.engine.lineage.openlineage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An OpenLineage event: a run event (a job ran), a job event (a job exists, with its inputs and
 * outputs: static lineage) or a dataset event (a dataset exists). Immutable.
 */
public sealed interface LineageEvent {
    Instant eventTime();

    /** The {@code schemaURL} of the event's definition in the core specification. */
    String schemaUrl();

    /** The run states of {@code eventType}. */
    enum EventType { START, RUNNING, COMPLETE, ABORT, FAIL, OTHER }

    /**
     * A run event.
     *
     * @param runFacets facets of the run (an {@link Facet.ErrorMessage} on failure)
     */
    record Run(EventType eventType, Instant eventTime, UUID runId, List<Facet> runFacets, Job job, List<Dataset> inputs,
               List<Dataset> outputs) implements LineageEvent {
        public Run {
            Objects.requireNonNull(eventType, "eventType");
            Objects.requireNonNull(eventTime, "eventTime");
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(job, "job");
            runFacets = List.copyOf(runFacets);
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }

        @Override
        public String schemaUrl() {
            return OpenLineageSpec.RUN_EVENT;
        }
    }

    /** A job event: a job and the datasets it reads and writes, with no run. */
    record JobEvent(Instant eventTime, Job job, List<Dataset> inputs, List<Dataset> outputs) implements LineageEvent {
        public JobEvent {
            Objects.requireNonNull(eventTime, "eventTime");
            Objects.requireNonNull(job, "job");
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }

        @Override
        public String schemaUrl() {
            return OpenLineageSpec.JOB_EVENT;
        }
    }

    /** A dataset event: a dataset that no job reads or writes. */
    record DatasetEvent(Instant eventTime, Dataset dataset) implements LineageEvent {
        public DatasetEvent {
            Objects.requireNonNull(eventTime, "eventTime");
            Objects.requireNonNull(dataset, "dataset");
        }

        @Override
        public String schemaUrl() {
            return OpenLineageSpec.DATASET_EVENT;
        }
    }

    /** A job: {@code namespace} is where it runs (the scheduler), {@code name} unique within it. */
    record Job(String namespace, String name, List<Facet> facets) {
        public Job {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            facets = List.copyOf(facets);
        }
    }

    /**
     * A dataset of an event: {@code namespace} names its data source, {@code name} the dataset in it.
     *
     * @param facets      dataset facets
     * @param inputFacets facets only an input carries ({@code dataQualityMetrics} of a run's input)
     */
    record Dataset(String namespace, String name, List<Facet> facets, List<Facet> inputFacets) {
        public Dataset {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            facets = List.copyOf(facets);
            inputFacets = List.copyOf(inputFacets);
        }

        /** A dataset named only, with no facets. */
        public Dataset(String namespace, String name) {
            this(namespace, name, List.of(), List.of());
        }

        /** The first facet of a type, among {@link #facets()}. */
        public <F extends Facet> Optional<F> facet(Class<F> type) {
            return facets.stream().filter(type::isInstance).map(type::cast).findFirst();
        }

        /** {@code namespace/name}, for messages. */
        public String qualifiedName() {
            return namespace + "/" + name;
        }
    }
}
