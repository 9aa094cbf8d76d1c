package io.headwater.connectors.mvstore;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DatasetReader;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.h2.mvstore.MVMap;

/**
 * Reads a dataset that an {@link MvStoreSink} keeps. Scans walk the sorted map, so they are in key
 * order (integers numerically, UUIDs as unsigned numbers, strings by code point, composite keys
 * component by component) and see the committed state at the moment the scan starts. Thread-safe.
 */
public final class MvStoreReader implements DatasetReader {
    private final MvStoreFile file;
    private final Dataset dataset;
    private final MVMap<byte[], byte[]> records;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MvStoreReader(MvStoreFile file, Dataset dataset) {
        this.file = file;
        this.dataset = dataset;
        this.records = file.records(dataset.physicalName());
    }

    /** Opens (or shares, within this process) the store file and the dataset's map. */
    public static MvStoreReader open(Path file, Dataset dataset) {
        MvStoreFile f = MvStoreFile.open(file);
        try {
            return new MvStoreReader(f, dataset);
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }

    @Override
    public Dataset dataset() {
        return dataset;
    }

    @Override
    public long count() {
        return file.read("count", records::sizeAsLong);
    }

    /** The checkpoint committed with the data. */
    public Checkpoint checkpoint() {
        return file.read("read checkpoint", () -> Checkpoint.decode(file.textMap(MvStoreFile.CHECKPOINTS).get(dataset.physicalName())));
    }

    @Override
    public void scan(Consumer<Row> sink) {
        // The iterator walks the root captured when it is created: a consistent snapshot.
        Iterator<Map.Entry<byte[], byte[]>> it = file.read("scan", () -> records.entrySet().iterator());
        while (it.hasNext()) {
            sink.accept(RowCodec.decode(it.next().getValue()));
        }
    }

    @Override
    public Optional<Row> lookup(Row key) {
        byte[] k = KeyCodec.sortable(TargetChange.lookupKey(key, dataset));
        return Optional.ofNullable(file.read("lookup", () -> records.get(k))).map(RowCodec::decode);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            file.close();
        }
    }
}
