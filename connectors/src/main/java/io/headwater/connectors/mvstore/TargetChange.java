package io.headwater.connectors.mvstore;

import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.ChangeEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One change event seen through a scalar flow: an upsert of {@code row} under the target
 * {@code key}, or (with {@code row == null}) the removal of {@code key}. Values already conform to
 * the target dataset's field types.
 *
 * @param key the target key, fields in the dataset's key order
 * @param row the full target row, or null for a removal
 */
public record TargetChange(Row key, Row row) {

    public boolean removes() {
        return row == null;
    }

    /**
     * Maps a batch, in order. Creates, updates and snapshot reads upsert the mapped after-image; a
     * delete removes the key mapped from the before-image, or from the event key when there is none.
     */
    public static List<TargetChange> of(List<ChangeEvent> events, Flow flow, Dataset dataset) {
        List<TargetChange> out = new ArrayList<>(events.size());
        for (ChangeEvent e : events) {
            if (e.op().removes()) {
                Row source = e.before() != null ? e.before() : e.key();
                out.add(new TargetChange(conformKey(flow.mapKey(source, dataset.key()), dataset), null));
            } else {
                if (e.after() == null) {
                    throw new StoreException("dataset " + dataset.ref() + ": " + e.op() + " event at " + e.position() + " has no after image");
                }
                Row row = LogicalValues.conform(flow.apply(e.after()), dataset);
                out.add(new TargetChange(row.project(dataset.key()), row));
            }
        }
        return out;
    }

    /** Fails early for a flow that aggregates: only the SQL analytics sink folds groups. */
    public static void requireScalar(Flow flow, String storeKind) {
        if (flow.isAggregate()) {
            throw new StoreException("flow " + flow.id() + " aggregates; a " + storeKind + " store cannot hold its groups");
        }
    }

    private static Row conformKey(Row key, Dataset dataset) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Field f : dataset.keyFields()) {
            try {
                m.put(f.name(), LogicalValues.coerce(key.get(f.name()), f.type()));
            } catch (IllegalArgumentException ex) {
                throw new StoreException("dataset " + dataset.ref() + ": key field '" + f.name() + "': " + ex.getMessage(), ex);
            }
        }
        return Row.of(m);
    }

    /** The key of a lookup row in the dataset's key order and types. */
    public static Row lookupKey(Row key, Dataset dataset) {
        return conformKey(key, dataset);
    }
}
