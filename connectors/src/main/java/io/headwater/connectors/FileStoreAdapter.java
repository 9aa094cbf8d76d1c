package io.headwater.connectors;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.ReadOnlyException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.SystemAdapter;
import io.headwater.engine.status.DatasetStatus;
import io.headwater.engine.status.SystemStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The adapter of a store kept in files under one folder (a Lucene index per dataset, an MVStore
 * file, a blob directory): a reader per dataset, status from the readers' counts, and a sink for
 * flows Headwater runs when it may write the folder. What differs per kind is only how a dataset's
 * reader and sink are opened ({@link Opener}). Thread-safe.
 */
final class FileStoreAdapter implements SystemAdapter {
    /** How one kind opens a dataset's reader and sink in its folder. */
    interface Opener {
        DatasetReader reader(Path dir, Dataset dataset);

        DerivedSink sink(Path dir, Dataset dataset, Flow flow);
    }

    private final SystemSpec system;
    private final Path dir;
    private final Opener opener;

    FileStoreAdapter(SystemSpec system, Path dir, Opener opener) {
        this.system = system;
        this.dir = dir;
        this.opener = opener;
    }

    @Override
    public SystemSpec system() {
        return system;
    }

    @Override
    public SystemStatus status() {
        if (!Files.exists(dir)) {
            List<DatasetStatus> empty = system.datasets().stream().map(d -> DatasetStatus.sizeOnly(d.ref(), 0)).toList();
            String why = system.hosted() ? "empty: the pipeline never ran here" : "no such folder: " + dir;
            return new SystemStatus(system.id(), system.kind(), system.role(), system.hosted(), dir.toString(), why, system.hosted() ? empty : List.of());
        }
        List<DatasetStatus> datasets = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Dataset d : system.datasets()) {
            try (DatasetReader r = opener.reader(dir, d)) {
                datasets.add(DatasetStatus.sizeOnly(d.ref(), r.count()));
            } catch (HeadwaterException e) {
                problems.add(d.ref().dataset() + ": " + e.getMessage());
                datasets.add(DatasetStatus.sizeOnly(d.ref(), -1));
            }
        }
        return new SystemStatus(system.id(), system.kind(), system.role(), true, dir.toString(), String.join("; ", problems), datasets);
    }

    @Override
    public Optional<DatasetReader> reader(Dataset dataset) {
        return Optional.of(opener.reader(dir, dataset));
    }

    @Override
    public Optional<DerivedSink> sink(Dataset dataset, Flow flow) {
        if (!system.mayWrite()) {
            throw ReadOnlyException.refusing("keeping " + dataset.ref() + " from flow " + flow.id(), system.id());
        }
        return Optional.of(opener.sink(dir, dataset, flow));
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        return type == Path.class ? Optional.of(type.cast(dir)) : Optional.empty();
    }

    @Override
    public void close() {
        // Readers and sinks are owned by whoever opened them.
    }
}
