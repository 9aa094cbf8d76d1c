package io.headwater.connectors.mvstore;

import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.StoreEdit;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.mvstore.MVMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A derived dataset kept in an MVStore file as a sorted map: {@link KeyCodec#sortable sortable key
 * bytes} to a {@link RowCodec}-encoded row. The checkpoint lives in the map
 * {@value MvStoreFile#CHECKPOINTS} under the map's name and is committed in the same MVStore version
 * as the rows. Several datasets may share one file.
 *
 * <p>Rebuilds write a new generation of the map beside the live one ({@link #openShadow()}); which
 * map is live is kept in {@link MapGenerations} (a dataset never rebuilt lives in the map named after
 * its physical name, as before). {@link #promote} switches generations in one commit; a reader
 * opened before keeps the old map (it is dropped when the last such reader closes).
 *
 * <p>Not thread-safe for {@link #apply}: one consumer thread applies; {@link #checkpoint()} and
 * {@link #count()} may be called from other threads.
 */
public final class MvStoreSink implements DerivedSink {
    private static final Logger LOG = LoggerFactory.getLogger(MvStoreSink.class);
    private final MvStoreFile file;
    private final Dataset dataset;
    private final Flow flow;
    private final String map;
    private final MVMap<byte[], byte[]> records;
    private final MVMap<String, String> checkpoints;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean replaced;

    private MvStoreSink(MvStoreFile file, Dataset dataset, Flow flow, String map) {
        this.file = file;
        this.dataset = dataset;
        this.flow = flow;
        this.map = map;
        this.records = file.records(map);
        this.checkpoints = file.textMap(MvStoreFile.CHECKPOINTS);
    }

    /**
     * Opens the dataset's live map in the store file at {@code file} (created when absent; shared with
     * any other sink or reader of this process on the same file).
     */
    public static MvStoreSink open(Path file, Dataset dataset, Flow flow) {
        TargetChange.requireScalar(flow, "MVStore");
        MvStoreFile f = MvStoreFile.open(file);
        try {
            String live = f.read("look up live map of " + dataset.physicalName(), () -> new MapGenerations(f, dataset.physicalName()).live());
            return new MvStoreSink(f, dataset, flow, live);
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
    public Flow flow() {
        return flow;
    }

    /** The name of the map this sink writes (its generation). */
    public String mapName() {
        return map;
    }

    @Override
    public Checkpoint checkpoint() {
        return file.read("read checkpoint", () -> Checkpoint.decode(checkpoints.get(map)));
    }

    @Override
    public void apply(List<ChangeEvent> events, Checkpoint through) {
        write(TargetChange.of(events, flow, dataset), through.encode());
    }

    @Override
    public void tamper(List<StoreEdit> edits) {
        write(edits.stream().map(e -> new TargetChange(e.key(), e.row() == null ? null : LogicalValues.conform(e.row(), dataset))).toList(),
                null);
    }

    /** Writes changes and, unless {@code checkpoint} is null, the checkpoint, in one commit. */
    private synchronized void write(List<TargetChange> changes, String checkpoint) {
        if (replaced) {
            throw new StoreException("MVStore " + file.path() + ": map " + map + " was replaced by a rebuild; write through the promoted sink");
        }
        file.writeAtomically("apply to " + map, () -> {
            for (TargetChange c : changes) {
                byte[] key = KeyCodec.sortable(c.key());
                if (c.removes()) {
                    records.remove(key);
                } else {
                    records.put(key, RowCodec.encode(c.row()));
                }
            }
            if (checkpoint != null) {
                checkpoints.put(map, checkpoint);
            }
            return null;
        });
    }

    @Override
    public long count() {
        return file.read("count", records::sizeAsLong);
    }

    /** A reader of this sink's map (its generation, even when that is a shadow) on the same open file. */
    @Override
    public MvStoreReader reader() {
        return MvStoreReader.open(file.path(), dataset, map);
    }

    /** Opens the shadow map of a rebuild: the one registered (as committed) or else a new, empty one. */
    @Override
    public DerivedSink openShadow() {
        String shadow = file.writeAtomically("open shadow of " + dataset.physicalName(), () -> {
            MapGenerations generations = requireLive();
            String existing = generations.shadow();
            return existing != null ? existing : generations.createShadow();
        });
        MvStoreFile f = MvStoreFile.open(file.path());
        try {
            return new MvStoreSink(f, dataset, flow, shadow);
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }

    @Override
    public boolean hasShadow() {
        return file.read("look up shadow of " + dataset.physicalName(), () -> new MapGenerations(file, dataset.physicalName()).shadow() != null);
    }

    /**
     * In one commit: the shadow's map becomes live, the shadow entry goes, and this sink's map is
     * retired (dropped now, or when the last reader still reading it closes).
     */
    @Override
    public synchronized void promote(DerivedSink shadow) {
        MvStoreSink next = requireShadowOfThis(shadow);
        file.writeAtomically("promote " + next.map + " over " + map, () -> {
            MapGenerations generations = requireLive();
            if (!next.map.equals(generations.shadow())) {
                throw new StoreException("MVStore " + file.path() + ": map " + next.map + " is not the shadow of " + dataset.physicalName());
            }
            generations.promote(next.map);
            file.retire(map);
            return null;
        });
        replaced = true;
    }

    /**
     * Names the live map and the shadow map (the registered one, or the one {@link #openShadow()} would
     * create) and the one commit of the registry that switches them.
     */
    @Override
    public String swapStep() {
        String registry = "MVStore " + file.path() + ": one commit points " + MapGenerations.NAME + " entry " + dataset.physicalName();
        try {
            Maps maps = file.read("look up generations of " + dataset.physicalName(), () -> {
                MapGenerations generations = new MapGenerations(file, dataset.physicalName());
                String shadow = generations.shadow();
                return new Maps(generations.live(), shadow != null ? shadow : generations.nextShadow());
            });
            return registry + " from the live map " + maps.live() + " to the shadow map " + maps.shadow() + "; " + maps.live()
                    + " is dropped once no reader uses it";
        } catch (StoreException e) {
            LOG.warn("{}: the swap step names no maps because the registry cannot be read: {}", dataset.ref(), e.getMessage());
            return registry + " from the live map to the shadow map (" + e.getMessage() + ")";
        }
    }

    /** The live and the shadow map of a dataset, by name. */
    private record Maps(String live, String shadow) {
    }

    /** Forgets the shadow and retires its map; the live map is untouched. Close the shadow sink first. */
    @Override
    public void discardShadow() {
        file.writeAtomically("discard shadow of " + dataset.physicalName(), () -> {
            MapGenerations generations = new MapGenerations(file, dataset.physicalName());
            String shadow = generations.shadow();
            if (shadow != null) {
                generations.forgetShadow();
                file.retire(shadow);
            }
            return null;
        });
    }

    private MapGenerations requireLive() {
        MapGenerations generations = new MapGenerations(file, dataset.physicalName());
        String live = generations.live();
        if (replaced || !live.equals(map)) {
            throw new StoreException("MVStore " + file.path() + ": map " + map + " is not the live generation of "
                    + dataset.physicalName() + " (" + live + " is)");
        }
        return generations;
    }

    private MvStoreSink requireShadowOfThis(DerivedSink shadow) {
        if (shadow instanceof MvStoreSink s && s.file == file && s.dataset.physicalName().equals(dataset.physicalName()) && s != this) {
            return s;
        }
        throw new StoreException("MVStore " + file.path() + ": " + shadow.dataset().ref() + " is not a shadow opened by this sink of "
                + dataset.physicalName());
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            file.close();
        }
    }
}
