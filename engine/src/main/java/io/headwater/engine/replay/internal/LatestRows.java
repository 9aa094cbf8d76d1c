package io.headwater.engine.replay.internal;

import io.headwater.engine.integrity.KeyOrder;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.ChangeEvent;
import java.util.List;
import java.util.TreeMap;

/**
 * The latest record per key of a log dataset, folded from its changes in log order: a create, an
 * update or a snapshot read puts its after-image, a delete removes the key. Not thread-safe.
 */
public final class LatestRows {
    private final List<String> key;
    private final TreeMap<Row, Row> latest;
    private long applied;

    public LatestRows(Dataset dataset) {
        this.key = dataset.key();
        this.latest = new TreeMap<>(new KeyOrder(dataset.keyFields()));
    }

    public void apply(ChangeEvent e) {
        Row k = e.key().project(key);
        if (e.op().removes() || e.after() == null) {
            latest.remove(k);
        } else {
            latest.put(k, e.after());
        }
        applied++;
    }

    /** How many changes were applied. */
    public long applied() {
        return applied;
    }

    /** The latest records, in key order. */
    public List<Row> rows() {
        return List.copyOf(latest.values());
    }
}
