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
 * component by component) and see the committed state at the moment the scan starts.
 *
 * <p>The reader stays on the generation that was live when it opened ({@link MapGenerations}): it
 * pins that map, so a rebuild promoted meanwhile does not change what it reads; the replaced map is
 * dropped when the last reader on it closes. Thread-safe.
 */
public final class MvStoreReader implements DatasetReader {
    private final MvStoreFile file;
    private final Dataset dataset;
    private final String map;
    private final MVMap<byte[], byte[]> records;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MvStoreReader(MvStoreFile file, Dataset dataset, String map) {
        this.file = file;
        this.dataset = dataset;
        this.map = map;
        this.records = file.records(map);
    }

    /** Opens (or shares, within this process) the store file and the dataset's live map. */
    public static MvStoreReader open(Path file, Dataset dataset) {
        return open(file, dataset, null);
    }

    /** Opens a reader on {@code map} (one generation of the dataset), or on the live map when null. */
    static MvStoreReader open(Path file, Dataset dataset, String map) {
        MvStoreFile f = MvStoreFile.open(file);
        try {
            // Resolving and pinning under the file's lock: a promotion cannot retire the map in between.
            return f.read("open reader of " + dataset.physicalName(), () -> {
                String m = map != null ? map : new MapGenerations(f, dataset.physicalName()).live();
                MvStoreReader reader = new MvStoreReader(f, dataset, m);
                f.pin(m);
                return reader;
            });
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
        return file.read("read checkpoint", () -> Checkpoint.decode(file.textMap(MvStoreFile.CHECKPOINTS).get(map)));
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
            try {
                file.unpin(map);
            } finally {
                file.close();
            }
        }
    }
}
