package io.headwater.connectors.blobstore;

import io.headwater.connectors.blobstore.ManifestEntry.BlobRef;
import io.headwater.connectors.generations.Generation;
import io.headwater.connectors.generations.GenerationPin;
import io.headwater.connectors.mvstore.KeyCodec;
import io.headwater.connectors.mvstore.MvStoreFile;
import io.headwater.connectors.mvstore.MvStoreSnapshot;
import io.headwater.connectors.mvstore.TargetChange;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DatasetReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.h2.mvstore.MVMap;

/**
 * Reads a dataset a {@link BlobStoreSink} keeps: rows with their bytes fields read from the object
 * files (null when a file is missing: {@link #verifyContent} says why), in key order; and the
 * integrity of the files themselves ({@link #verifyContent}, {@link #verifyAll}), recomputing each
 * file's SHA-256, so bit rot and truncation are found. A scan sees the manifest as committed when
 * it starts; an object replaced by a later batch may be gone by the time the scan reaches it.
 * Opened by the root, it reads the generation live at that moment and stays on it: after a rebuild
 * is promoted it goes on seeing the old generation, which is kept until it closes. Thread-safe.
 */
public final class BlobStoreReader implements DatasetReader {
    private final Dataset dataset;
    private final Runnable release;
    private final BlobObjects objects;
    private final MvStoreFile file;
    private final MVMap<byte[], byte[]> manifest;
    private final Optional<String> declaredHashField;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BlobStoreReader(Dataset dataset, Generation generation, MvStoreFile file, Runnable release) {
        this.dataset = dataset;
        this.release = release;
        this.file = file;
        this.objects = BlobStoreLayout.objects(generation);
        this.manifest = file.records(BlobStoreLayout.MANIFEST);
        this.declaredHashField = BlobStoreLayout.declaredHashField(dataset);
    }

    /** Opens the live generation of the dataset's directory under {@code root}. */
    public static BlobStoreReader open(Path root, Dataset dataset) {
        return open(BlobStoreLayout.generations(root, dataset).pinLive(), dataset);
    }

    /** Opens the pinned generation, taking over the pin (released on failure or close). */
    static BlobStoreReader open(GenerationPin pin, Dataset dataset) {
        MvStoreFile f;
        try {
            f = MvStoreFile.open(BlobStoreLayout.manifestFile(pin.generation()));
        } catch (RuntimeException e) {
            pin.close();
            throw e;
        }
        try {
            return new BlobStoreReader(dataset, pin.generation(), f, pin::close);
        } catch (RuntimeException e) {
            f.close();
            pin.close();
            throw e;
        }
    }

    /**
     * Opens the live generation of a blob store that another process holds open and writes (an
     * attached store): its manifest, which MVStore locks, is read from a copy; the object files are
     * read where they are. Nothing in the store is written, pinned or deleted.
     */
    public static BlobStoreReader openSnapshot(Path root, Dataset dataset) {
        Generation live = BlobStoreLayout.generations(root, dataset).live();
        Path copy = MvStoreSnapshot.copy(BlobStoreLayout.manifestFile(live), dataset.ref().toString());
        MvStoreFile f = null;
        try {
            f = MvStoreFile.open(copy);
            return new BlobStoreReader(dataset, live, f, () -> MvStoreSnapshot.deleteCopy(copy));
        } catch (RuntimeException e) {
            if (f != null) {
                f.close();
            }
            MvStoreSnapshot.deleteCopy(copy);
            throw e;
        }
    }

    @Override
    public Dataset dataset() {
        return dataset;
    }

    @Override
    public long count() {
        return file.read("count", manifest::sizeAsLong);
    }

    public Checkpoint checkpoint() {
        return file.read("read checkpoint",
                () -> Checkpoint.decode(file.textMap(BlobStoreLayout.checkpointsMap()).get(dataset.physicalName())));
    }

    @Override
    public void scan(Consumer<Row> sink) {
        Iterator<Map.Entry<byte[], byte[]>> it = file.read("scan", () -> manifest.entrySet().iterator());
        while (it.hasNext()) {
            sink.accept(row(ManifestEntry.decode(it.next().getValue())));
        }
    }

    @Override
    public Optional<Row> lookup(Row key) {
        return entry(key).map(this::row);
    }

    /** The file holding a record's bytes field, if the record has such bytes. */
    public Optional<Path> contentPath(Row key, String field) {
        return entry(key).map(e -> e.blobs().get(field)).map(ref -> objects.path(ref.sha256()));
    }

    /** Re-hashes the files of one record (one check per bytes field with a value); empty when the key is absent. */
    public List<BlobCheck> verifyContent(Row key) {
        Row k = TargetChange.lookupKey(key, dataset);
        return entry(k).map(e -> check(k, e)).orElse(List.of());
    }

    /** Re-hashes every file, in key order. */
    public void verifyAll(Consumer<BlobCheck> sink) {
        Iterator<Map.Entry<byte[], byte[]>> it = file.read("scan", () -> manifest.entrySet().iterator());
        while (it.hasNext()) {
            ManifestEntry e = ManifestEntry.decode(it.next().getValue());
            check(e.fields().project(dataset.key()), e).forEach(sink);
        }
    }

    private Optional<ManifestEntry> entry(Row key) {
        byte[] k = KeyCodec.sortable(TargetChange.lookupKey(key, dataset));
        return Optional.ofNullable(file.read("lookup", () -> manifest.get(k))).map(ManifestEntry::decode);
    }

    private List<BlobCheck> check(Row key, ManifestEntry e) {
        List<BlobCheck> out = new ArrayList<>();
        String declared = declaredHashField.map(f -> (String) e.fields().get(f)).orElse(null);
        e.blobs().forEach((field, ref) -> {
            Path p = objects.path(ref.sha256());
            try {
                out.add(new BlobCheck(key, field, p, ref.sha256(), ref.size(), declared, BlobObjects.sha256(p), Files.size(p)));
            } catch (NoSuchFileException missing) {
                out.add(new BlobCheck(key, field, p, ref.sha256(), ref.size(), declared, null, -1));
            } catch (IOException io) {
                throw new StoreException("blob store object " + p + " of " + dataset.ref() + " cannot be read: " + io.getMessage(), io);
            }
        });
        return out;
    }

    private Row row(ManifestEntry e) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : dataset.fields()) {
            values.put(f.name(), f.type() == FieldType.BYTES ? content(e.blobs().get(f.name())) : e.fields().get(f.name()));
        }
        return Row.of(values);
    }

    private byte[] content(BlobRef ref) {
        if (ref == null) {
            return null;
        }
        try {
            return objects.read(ref.sha256());
        } catch (NoSuchFileException missing) {
            return null;
        } catch (IOException e) {
            throw new StoreException("blob store object " + objects.path(ref.sha256()) + " of " + dataset.ref() + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /** Closes the manifest and releases the generation (deleting it when it was retired and this was its last user). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                file.close();
            } finally {
                release.run();
            }
        }
    }
}
