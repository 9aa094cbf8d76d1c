package io.headwater.connectors.opensearch;

import io.headwater.connectors.verify.SortedSpill;
import io.headwater.engine.ConnectionException;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.ReadOnlyException;
import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.SystemAdapter;
import io.headwater.engine.status.DatasetStatus;
import io.headwater.engine.status.SystemStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The adapter of an {@code opensearch} or {@code elasticsearch} system (one adapter, a
 * {@link SearchDialect} where their REST differs): status (the cluster answers {@code GET /}, each
 * dataset's document count, and whether its name is an alias or a concrete index), a reader per
 * dataset, the stored side of a verification through that reader, and an {@link OpenSearchSink}
 * for flows Headwater runs when it may write the system.
 *
 * <p>A dataset with a {@code key-field} is read in key order straight from the index
 * ({@link OpenSearchReader}); one without is read in index order and put in key order by a
 * {@link SortedSpill} on disk, with bounded memory. Readers read only the dataset's fields from
 * {@code _source}. Thread-safe; readers and sinks own their HTTP clients.
 */
public final class OpenSearchAdapter implements SystemAdapter {
    private final SystemSpec system;
    private final OpenSearchEndpoint endpoint;
    private final SearchDialect dialect;

    /** An adapter on {@code system}, reached at {@code live}; connects only when asked. */
    public OpenSearchAdapter(SystemSpec system, Connection live) {
        this.system = system;
        this.endpoint = OpenSearchEndpoint.of(system, live);
        this.dialect = SearchDialect.of(system.kind());
    }

    @Override
    public SystemSpec system() {
        return system;
    }

    /** The endpoint this adapter connects through. */
    public OpenSearchEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public SystemStatus status() {
        List<DatasetStatus> datasets = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (OpenSearchRest rest = new OpenSearchRest(endpoint)) {
            try {
                rest.call("GET", "/", Map.of(), null, "/", "asking whether the cluster answers");
            } catch (ConnectionException e) {
                return SystemStatus.unreachable(system.id(), system.kind(), system.role(), endpoint.address(), e.getMessage());
            }
            for (Dataset d : system.datasets()) {
                try {
                    long count = rest.call("GET", "/" + d.physicalName() + "/_count", Map.of(), null, d.physicalName(), "counting documents")
                            .path("count").asLong();
                    datasets.add(DatasetStatus.sizeOnly(d.ref(), count));
                    notes.add(describeName(rest, d));
                } catch (HeadwaterException e) {
                    datasets.add(DatasetStatus.sizeOnly(d.ref(), -1));
                    notes.add(d.ref() + ": " + e.getMessage());
                }
            }
        }
        return new SystemStatus(system.id(), system.kind(), system.role(), true, endpoint.address(), String.join("; ", notes), datasets);
    }

    /** "customers: alias over customers-g2 (customers-g1 kept: DELETE /customers-g1 drops it)" or "… : index". */
    private static String describeName(OpenSearchRest rest, Dataset d) {
        IndexGenerations generations = new IndexGenerations(rest, d.physicalName());
        IndexGenerations.Live live = generations.live();
        if (live instanceof IndexGenerations.Aliased a) {
            List<String> retired = generations.retired(generations.number(a.index()));
            return d.physicalName() + ": alias over " + a.index() + (retired.isEmpty() ? ""
                    : " (" + String.join(", ", retired) + " kept from earlier rebuilds: DELETE /" + String.join(",", retired) + " drops them)");
        }
        return d.physicalName() + ": index";
    }

    @Override
    public Optional<DatasetReader> reader(Dataset dataset) {
        if (dataset.sortFieldOpt().isPresent()) {
            return Optional.of(new OpenSearchReader(new OpenSearchRest(endpoint), true, dialect, dataset, dataset.physicalName()));
        }
        return Optional.of(SortedSpill.over(new OpenSearchIdScan(new OpenSearchRest(endpoint), dataset)));
    }

    /**
     * {@inheritDoc}
     *
     * @throws ReadOnlyException when the system is attached and not declared writable
     */
    @Override
    public Optional<DerivedSink> sink(Dataset dataset, Flow flow) {
        if (!system.mayWrite()) {
            throw ReadOnlyException.refusing("keeping " + dataset.ref() + " from flow " + flow.id(), system.id());
        }
        return Optional.of(OpenSearchSink.open(endpoint, dialect, dataset, flow));
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        return type == OpenSearchEndpoint.class ? Optional.of(type.cast(endpoint)) : Optional.empty();
    }

    @Override
    public void close() {
        // Readers and sinks own their clients.
    }
}
