package io.headwater.engine.integrity.internal;

import io.headwater.engine.integrity.KeyOrder;
import io.headwater.engine.integrity.KeyRange;
import io.headwater.engine.model.Row;
import java.util.List;

/**
 * Finds which of ascending, disjoint ranges holds each of ascending keys, walking forward only, so
 * a whole scan costs one pass over keys and ranges. Used from one thread.
 */
public final class RangeCursor {
    private final List<KeyRange> ranges;
    private final KeyOrder order;
    private int at;

    public RangeCursor(List<KeyRange> ranges, KeyOrder order) {
        this.ranges = ranges;
        this.order = order;
    }

    /** The index of the range holding the key, or -1 when it falls between or after the ranges. */
    public int indexOf(Row key) {
        while (at < ranges.size() && ranges.get(at).liesBefore(key, order)) {
            at++;
        }
        return at < ranges.size() && ranges.get(at).contains(key, order) ? at : -1;
    }

    /** Whether the key lies after every range, so a scan in key order may stop. */
    public boolean pastEnd(Row key) {
        indexOf(key);
        return at >= ranges.size();
    }
}
