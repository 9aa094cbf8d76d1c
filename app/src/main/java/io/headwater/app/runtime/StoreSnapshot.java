package io.headwater.app.runtime;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.PartitionRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A derived store's rows together with the checkpoint they correspond to: read again until the
 * checkpoint did not move during the read (every apply commits data and checkpoint together, so an
 * unmoved checkpoint means no apply landed in between), at most {@value #TRIES} times.
 *
 * @param moving whether the store was still moving on the last try (the pair may then be off by the last batches)
 */
record StoreSnapshot(List<Row> rows, Checkpoint checkpoint, boolean moving) {
    private static final int TRIES = 20;

    static StoreSnapshot read(DerivedSink sink) {
        for (int i = 1; ; i++) {
            Checkpoint before = sink.checkpoint();
            List<Row> rows = new ArrayList<>();
            try (DatasetReader reader = sink.reader()) {
                reader.scan(rows::add);
            }
            Checkpoint after = sink.checkpoint();
            if (before.equals(after) || i == TRIES) {
                return new StoreSnapshot(rows, after, !before.equals(after));
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new HeadwaterException("interrupted while reading " + sink.dataset().ref());
            }
        }
    }

    /** The offsets (exclusive) the store has applied, per partition of the topic. */
    Map<PartitionRef, Long> upTo(String topic, List<PartitionRef> partitions) {
        Map<PartitionRef, Long> m = new HashMap<>();
        for (PartitionRef p : partitions) {
            m.put(p, checkpoint.next(p));
        }
        return m;
    }
}
