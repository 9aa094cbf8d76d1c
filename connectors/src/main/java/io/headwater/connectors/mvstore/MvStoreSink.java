package io.headwater.connectors.mvstore;

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

/**
 * A derived dataset kept in an MVStore file as a sorted map named after the dataset's physical
 * name: {@link KeyCodec#sortable sortable key bytes} to a {@link RowCodec}-encoded row. The
 * checkpoint lives in the map {@value MvStoreFile#CHECKPOINTS} under the same name and is
 * committed in the same MVStore version as the rows. Several datasets may share one file.
 *
 * <p>Not thread-safe for {@link #apply}: one consumer thread applies; {@link #checkpoint()} and
 * {@link #count()} may be called from other threads.
 */
public final class MvStoreSink implements DerivedSink {
    private final MvStoreFile file;
    private final Dataset dataset;
    private final Flow flow;
    private final MVMap<byte[], byte[]> records;
    private final MVMap<String, String> checkpoints;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MvStoreSink(MvStoreFile file, Dataset dataset, Flow flow) {
        this.file = file;
        this.dataset = dataset;
        this.flow = flow;
        this.records = file.records(dataset.physicalName());
        this.checkpoints = file.textMap(MvStoreFile.CHECKPOINTS);
    }

    /**
     * Opens the dataset's map in the store file at {@code file} (created when absent; shared with any
     * other sink or reader of this process on the same file).
     */
    public static MvStoreSink open(Path file, Dataset dataset, Flow flow) {
        TargetChange.requireScalar(flow, "MVStore");
        MvStoreFile f = MvStoreFile.open(file);
        try {
            return new MvStoreSink(f, dataset, flow);
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
        write(edits.stream().map(e -> new TargetChange(e.key(), e.row() == null ? null : LogicalValues.conform(e.row(), dataset))).toList(),
                null);
    }

    /** Writes changes and, unless {@code checkpoint} is null, the checkpoint, in one commit. */
    private synchronized void write(List<TargetChange> changes, String checkpoint) {
        file.writeAtomically("apply to " + dataset.physicalName(), () -> {
            for (TargetChange c : changes) {
                byte[] key = KeyCodec.sortable(c.key());
                if (c.removes()) {
                    records.remove(key);
                } else {
                    records.put(key, RowCodec.encode(c.row()));
                }
            }
            if (checkpoint != null) {
                checkpoints.put(dataset.physicalName(), checkpoint);
            }
            return null;
        });
    }

    @Override
    public long count() {
        return file.read("count", records::sizeAsLong);
    }

    /** A reader of this sink's dataset on the same open file. */
    @Override
    public MvStoreReader reader() {
        return MvStoreReader.open(file.path(), dataset);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            file.close();
        }
    }
}
