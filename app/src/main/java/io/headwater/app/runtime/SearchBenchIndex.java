package io.headwater.app.runtime;

import io.headwater.connectors.bench.BenchLoader;
import io.headwater.connectors.bench.BenchTable;
import io.headwater.connectors.opensearch.OpenSearchEndpoint;
import io.headwater.connectors.opensearch.OpenSearchReader;
import io.headwater.connectors.opensearch.OpenSearchSink;
import io.headwater.connectors.opensearch.SearchDialect;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.DerivedSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The OpenSearch node a benchmark writes its copies into: each bench index is named
 * {@code headwater-bench-<random>-<name>} behind an alias of that name, and {@link #dropAll} deletes
 * them (and the alias) at the end of the run. Not thread-safe.
 */
final class SearchBenchIndex {
    private final OpenSearchEndpoint endpoint;
    private final String prefix = "headwater-bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final List<Dataset> created = new ArrayList<>();

    SearchBenchIndex(String address) {
        int colon = address.lastIndexOf(':');
        this.endpoint = new OpenSearchEndpoint("bench", address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
    }

    /** The bench dataset kept in the alias {@code <prefix><name>}. */
    Dataset dataset(String name) {
        return BenchTable.dataset("search", (prefix + name).toLowerCase(Locale.ROOT));
    }

    DerivedSink sink(Dataset dataset) {
        created.add(dataset);
        return OpenSearchSink.open(endpoint, SearchDialect.OPENSEARCH, dataset, BenchLoader.identity(dataset));
    }

    DatasetReader reader(Dataset dataset) {
        return new OpenSearchReader(endpoint, dataset);
    }

    /** Deletes the indexes of every bench dataset this run created. */
    void dropAll() {
        for (Dataset d : created) {
            OpenSearchSink.dropAllGenerations(endpoint, d);
        }
        created.clear();
    }
}
