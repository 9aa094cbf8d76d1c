package io.headwater.connectors.verify;

import io.headwater.connectors.mvstore.KeyCodec;
import io.headwater.connectors.mvstore.RowCodec;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.DatasetReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.slf4j.LoggerFactory;

/**
 * Reads an {@link UnorderedSource} in key order with bounded memory, so that a store without an
 * ordered scan can be verified like any other: the first {@link #scan} or {@link #count} reads the
 * whole source once into a sorted map in a temporary MVStore file (keys in {@link KeyCodec#sortable}
 * form, whose byte order is the key order; values in {@link RowCodec} form), and every later scan
 * walks that file. Memory holds the file's page cache ({@value #CACHE_MB} MB) and at most
 * {@value #COMMIT_EVERY} records not yet written, whatever the number of records; the disk holds
 * about the size of the data.
 *
 * <p>A key delivered more than once is kept once, with the values delivered last. The spill is a
 * snapshot of the source as that one pass read it: scans and counts agree with each other, and a
 * {@link #lookup} after the spill answers from it too (before, from the source). The temporary
 * file is deleted on {@link #close}, which also closes the source.
 *
 * <p>Not thread-safe while spilling; the spill happens once, under the reader's lock, and scans of
 * the finished spill may run from any thread.
 */
public final class SortedSpill implements DatasetReader {
    static final int CACHE_MB = 8;
    static final int COMMIT_EVERY = 10_000;

    private final UnorderedSource source;
    private final Path parent;
    private Path dir;
    private MVStore store;
    private MVMap<byte[], byte[]> records;
    private long delivered;

    private SortedSpill(UnorderedSource source, Path parent) {
        this.source = source;
        this.parent = parent;
    }

    /** A key-ordered reader over {@code source}, spilling into a new folder under {@code tempDir}; reads nothing yet. */
    public static SortedSpill over(UnorderedSource source, Path tempDir) {
        return new SortedSpill(source, tempDir);
    }

    /** As {@link #over(UnorderedSource, Path)}, spilling under the system's temporary folder. */
    public static SortedSpill over(UnorderedSource source) {
        return new SortedSpill(source, Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Override
    public Dataset dataset() {
        return source.dataset();
    }

    /** The number of distinct keys, after the spill (which this call makes if it has not happened). */
    @Override
    public long count() {
        return spilled().sizeAsLong();
    }

    /** The number of records the source delivered during the spill, repeats included (0 before it). */
    public synchronized long delivered() {
        return delivered;
    }

    @Override
    public void scan(Consumer<Row> sink) {
        Iterator<Map.Entry<byte[], byte[]>> it = spilled().entrySet().iterator();
        while (it.hasNext()) {
            sink.accept(RowCodec.decode(it.next().getValue()));
        }
    }

    @Override
    public Optional<Row> lookup(Row key) {
        MVMap<byte[], byte[]> done;
        synchronized (this) {
            done = records;
        }
        if (done == null) {
            return source.lookup(key);
        }
        byte[] value = done.get(KeyCodec.sortable(key.project(source.dataset().key())));
        return value == null ? Optional.empty() : Optional.of(RowCodec.decode(value));
    }

    private synchronized MVMap<byte[], byte[]> spilled() {
        if (records != null) {
            return records;
        }
        Dataset dataset = source.dataset();
        try {
            Files.createDirectories(parent);
            dir = Files.createTempDirectory(parent, "headwater-spill-");
            store = new MVStore.Builder().fileName(dir.resolve("spill.mv.db").toString()).autoCommitDisabled()
                    .cacheSize(CACHE_MB).open();
        } catch (IOException | MVStoreException e) {
            deleteSpill();
            throw new StoreException("cannot create a temporary sort file under " + parent + " to read " + dataset.ref()
                    + " in key order: " + e.getMessage(), e);
        }
        MVMap<byte[], byte[]> map = store.openMap("records",
                new MVMap.Builder<byte[], byte[]>().keyType(ByteArrayDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        long[] pending = {0};
        delivered = 0;
        try {
            source.scanUnordered(row -> {
                map.put(KeyCodec.sortable(row.project(dataset.key())), RowCodec.encode(row));
                delivered++;
                if (++pending[0] == COMMIT_EVERY) {
                    store.commit();
                    pending[0] = 0;
                }
            });
            store.commit();
        } catch (MVStoreException e) {
            deleteSpill();
            throw new StoreException("cannot write the temporary sort file under " + parent + " while reading " + dataset.ref()
                    + " (is the disk full?): " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteSpill();
            throw e;
        }
        records = map;
        return map;
    }

    /** Closes the source and deletes the temporary file. */
    @Override
    public synchronized void close() {
        try {
            source.close();
        } finally {
            deleteSpill();
        }
    }

    private void deleteSpill() {
        records = null;
        if (store != null) {
            store.closeImmediately();
            store = null;
        }
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                LoggerFactory.getLogger(SortedSpill.class).warn("cannot delete the temporary sort folder {}: {}", dir, e.getMessage());
            }
            dir = null;
        }
    }
}
