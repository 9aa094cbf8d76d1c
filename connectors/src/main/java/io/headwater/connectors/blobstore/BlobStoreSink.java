package io.headwater.connectors.blobstore;

import io.headwater.connectors.blobstore.ManifestEntry.BlobRef;
import io.headwater.connectors.generations.Generation;
import io.headwater.connectors.generations.GenerationPin;
import io.headwater.connectors.generations.StoreGenerations;
import io.headwater.connectors.mvstore.KeyCodec;
import io.headwater.connectors.mvstore.MvStoreFile;
import io.headwater.connectors.mvstore.TargetChange;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Row;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.Flow;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.StoreEdit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.mvstore.MVMap;

/**
 * A derived dataset whose bytes fields are kept as content-addressed files and whose other fields,
 * per-object hash/size and checkpoint are kept in a manifest (layout in {@link BlobStoreLayout}).
 *
 * <p>A batch runs in three steps: (1) write every new object and force it to disk (the same bytes
 * again reuse the file); (2) commit the manifest entries, reference counts and checkpoint as one
 * MVStore version; (3) delete the objects no entry references any more. A crash at any moment
 * leaves at worst an unreferenced file ({@link #removeUnreferenced()} sweeps those), never an entry
 * without its file. The hash is always computed from the bytes; a hash the row declares (a mapped
 * {@code sha256}) is kept as the row's value, so both facts survive.
 *
 * <p>Rebuilds: the dataset's directory holds generations ({@link StoreGenerations}), each a complete
 * store with its own objects and manifest file. {@link #openShadow()} creates the next generation
 * beside the live one; {@link #promote} switches {@code CURRENT} to it atomically. A
 * {@link BlobStoreReader} stays on the generation live when it opened, and the old generation is
 * deleted when its last sink or reader in this process closes (the manifest is an MVStore file,
 * locked by the process that has it open, so readers are in-process).
 *
 * <p>Not thread-safe for {@link #apply}: one consumer thread applies; {@link #checkpoint()} and
 * {@link #count()} may be called from other threads.
 */
public final class BlobStoreSink implements DerivedSink {
    private final Dataset dataset;
    private final Flow flow;
    private final Path root;
    private final GenerationPin pin;
    private final BlobObjects objects;
    private final MvStoreFile file;
    private final MVMap<byte[], byte[]> manifest;
    private final MVMap<String, String> refs;
    private final MVMap<String, String> checkpoints;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean shadow;

    private BlobStoreSink(Path root, Dataset dataset, Flow flow, GenerationPin pin, MvStoreFile file, boolean shadow) {
        this.root = root;
        this.dataset = dataset;
        this.flow = flow;
        this.pin = pin;
        this.file = file;
        this.shadow = shadow;
        this.objects = BlobStoreLayout.objects(pin.generation());
        this.manifest = file.records(BlobStoreLayout.MANIFEST);
        this.refs = file.textMap(BlobStoreLayout.REFS);
        this.checkpoints = file.textMap(BlobStoreLayout.checkpointsMap());
    }

    /**
     * Opens (creating when absent) the live generation of the dataset's directory under {@code root},
     * and removes what an interrupted rebuild step left there.
     */
    public static BlobStoreSink open(Path root, Dataset dataset, Flow flow) {
        TargetChange.requireScalar(flow, "blob");
        StoreGenerations generations = BlobStoreLayout.generations(root, dataset);
        BlobStoreSink sink = open(root, generations.pinLive(), dataset, flow, false);
        try {
            generations.cleanUp();
        } catch (RuntimeException e) {
            sink.close();
            throw e;
        }
        return sink;
    }

    /** Opens the store of the pinned generation, taking over the pin (released on failure or close). */
    private static BlobStoreSink open(Path root, GenerationPin pin, Dataset dataset, Flow flow, boolean shadow) {
        MvStoreFile f;
        try {
            f = MvStoreFile.open(BlobStoreLayout.manifestFile(pin.generation()));
        } catch (RuntimeException e) {
            pin.close();
            throw e;
        }
        try {
            return new BlobStoreSink(root, dataset, flow, pin, f, shadow);
        } catch (RuntimeException e) {
            f.close();
            pin.close();
            throw e;
        }
    }

    @Override
    public Dataset dataset() {
        return dataset;
    }

    @Override
    public Flow flow() {
        return flow;
    }

    public Path root() {
        return root;
    }

    @Override
    public Checkpoint checkpoint() {
        return file.read("read checkpoint", () -> Checkpoint.decode(checkpoints.get(dataset.physicalName())));
    }

    @Override
    public void apply(List<ChangeEvent> events, Checkpoint through) {
        write(TargetChange.of(events, flow, dataset), through.encode());
    }

    @Override
    public void tamper(List<StoreEdit> edits) {
        write(edits.stream().map(e -> new TargetChange(e.key(), e.row())).toList(), null);
    }

    /** Whether this sink writes a shadow that has not been promoted. */
    public boolean isShadow() {
        return shadow;
    }

    /** A reader of this sink's own generation (the shadow's, for a shadow). */
    @Override
    public BlobStoreReader reader() {
        return BlobStoreReader.open(pin.generations().pin(pin.generation()), dataset);
    }

    @Override
    public BlobStoreSink openShadow() {
        requireLive("open a shadow");
        StoreGenerations generations = pin.generations();
        Generation g = generations.shadow().orElseGet(generations::createShadow);
        return open(root, generations.pin(g), dataset, flow, true);
    }

    @Override
    public boolean hasShadow() {
        return pin.generations().shadow().isPresent();
    }

    /**
     * Switches {@code CURRENT} to the shadow's generation, then closes this sink; the old generation,
     * objects and manifest, is deleted once no reader of this process uses it. Every batch of the
     * shadow is already committed, so nothing of it is pending.
     */
    @Override
    public void promote(DerivedSink other) {
        requireLive("promote");
        if (!(other instanceof BlobStoreSink s) || !s.shadow || !s.pin.generations().root().equals(pin.generations().root())) {
            throw new IllegalArgumentException(other + " is not a shadow opened by " + pin.generations());
        }
        pin.generations().promote(s.pin.generation());
        s.shadow = false;
        close();
    }

    /** Names the pointer file, the live generation and the shadow; see {@link StoreGenerations#swapStep()}. */
    @Override
    public String swapStep() {
        return BlobStoreLayout.STORE + " (objects and manifest of one generation): " + pin.generations().swapStep();
    }

    @Override
    public void discardShadow() {
        requireLive("discard the shadow");
        pin.generations().discardShadow();
    }

    private void requireLive(String what) {
        if (shadow || closed.get()) {
            throw new IllegalStateException("cannot " + what + " through " + this);
        }
    }

    /** Truncates the content file of one record to half its length, behind the manifest's back. */
    @Override
    public synchronized String damageContent(Row key) {
        String field = BlobStoreLayout.bytesFields(dataset).stream().map(Field::name).findFirst()
                .orElseThrow(() -> new StoreException(dataset.ref() + " has no bytes field"));
        try (BlobStoreReader r = reader()) {
            java.nio.file.Path path = r.contentPath(key, field)
                    .orElseThrow(() -> new StoreException(dataset.ref() + " holds no content for key " + key.asMap()));
            long size = java.nio.file.Files.size(path);
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(path, java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(size / 2);
            }
            return "truncated " + path.getFileName() + " from " + size + " to " + size / 2 + " bytes";
        } catch (java.io.IOException e) {
            throw new StoreException("cannot truncate the content of " + key.asMap() + " in " + dataset.ref() + ": " + e.getMessage(), e);
        }
    }

    /** Writes changes and, unless {@code checkpoint} is null, the checkpoint, in one commit. */
    private synchronized void write(List<TargetChange> changes, String checkpoint) {
        List<ManifestEntry> entries = new ArrayList<>(changes.size());
        for (TargetChange c : changes) {
            entries.add(c.removes() ? null : storeObjects(c));
        }
        Set<String> released = file.writeAtomically("apply to " + dataset.physicalName(), () -> {
            Set<String> candidates = new HashSet<>();
            for (int i = 0; i < changes.size(); i++) {
                byte[] key = KeyCodec.sortable(changes.get(i).key());
                byte[] old = manifest.get(key);
                if (old != null) {
                    for (BlobRef ref : ManifestEntry.decode(old).blobs().values()) {
                        addReference(ref.sha256(), -1);
                        candidates.add(ref.sha256());
                    }
                }
                ManifestEntry entry = entries.get(i);
                if (entry == null) {
                    manifest.remove(key);
                } else {
                    manifest.put(key, entry.encode());
                    entry.blobs().values().forEach(ref -> addReference(ref.sha256(), 1));
                }
            }
            if (checkpoint != null) {
                checkpoints.put(dataset.physicalName(), checkpoint);
            }
            candidates.removeIf(refs::containsKey);
            return candidates;
        });
        released.forEach(objects::delete);
    }

    private ManifestEntry storeObjects(TargetChange c) {
        Map<String, BlobRef> blobs = new LinkedHashMap<>();
        for (Field f : BlobStoreLayout.bytesFields(dataset)) {
            byte[] bytes = (byte[]) c.row().get(f.name());
            if (bytes != null) {
                blobs.put(f.name(), new BlobRef(objects.write(bytes), bytes.length));
            }
        }
        return ManifestEntry.of(c.row(), dataset, blobs);
    }

    private void addReference(String sha, int delta) {
        String current = refs.get(sha);
        long n = (current == null ? 0 : Long.parseLong(current)) + delta;
        if (n > 0) {
            refs.put(sha, Long.toString(n));
        } else {
            refs.remove(sha);
        }
    }

    /**
     * Deletes object files no manifest entry references (left by a crash between writing and
     * committing, or between committing and deleting) and stray temporary files. Call it from the
     * applying thread, never during {@link #apply}. Returns how many files were deleted.
     */
    public long removeUnreferenced() {
        Set<String> referenced = file.read("list references", () -> new HashSet<>(refs.keySet()));
        return objects.deleteUnless(referenced::contains);
    }

    @Override
    public long count() {
        return file.read("count", manifest::sizeAsLong);
    }

    /** Closes the manifest and releases the generation (deleting it when it was retired and this was its last user). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                file.close();
            } finally {
                pin.close();
            }
        }
    }

    @Override
    public String toString() {
        return BlobStoreLayout.STORE + " " + pin.generation().dir() + (shadow ? " (shadow)" : "") + (closed.get() ? " (closed)" : "")
                + " for " + dataset.ref();
    }
}
