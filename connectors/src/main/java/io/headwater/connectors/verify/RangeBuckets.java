package io.headwater.connectors.verify;

import io.headwater.engine.integrity.KeyOrder;
import io.headwater.engine.integrity.KeyRange;
import io.headwater.engine.model.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * Assigns each row to one of several sorted, disjoint key ranges in one pass: the ranges' bounds
 * cut the key space into intervals, and a {@code CASE} nested as a binary search over the bounds
 * ({@code CASE WHEN key < ? THEN .. ELSE .. END}) yields the index of the range a row falls in, or
 * -1 for a gap. With 64 ranges a row costs about six comparisons, and the query scans the span of
 * the ranges once. Immutable.
 */
final class RangeBuckets {
    static final int GAP = -1;

    private final List<Row> bounds;
    private final int[] rangeOfInterval;

    private RangeBuckets(List<Row> bounds, int[] rangeOfInterval) {
        this.bounds = bounds;
        this.rangeOfInterval = rangeOfInterval;
    }

    /**
     * Buckets for ranges that are non-empty, disjoint and ascending ({@link #sortedDisjoint}), for a
     * query that keeps only rows from the first range's start to the last range's end.
     *
     * @param ranges the ranges; a row in ranges.get(i) gets bucket {@code i}
     */
    static RangeBuckets of(List<KeyRange> ranges, KeyOrder order) {
        TreeSet<Row> sorted = new TreeSet<>(order);
        for (KeyRange r : ranges) {
            if (r.from() != null) {
                sorted.add(r.from());
            }
            if (r.to() != null) {
                sorted.add(r.to());
            }
        }
        List<Row> bounds = new ArrayList<>(sorted);
        int[] map = new int[bounds.size() + 1];
        Arrays.fill(map, GAP);
        for (int i = 0; i < ranges.size(); i++) {
            KeyRange r = ranges.get(i);
            int start = r.from() == null ? 0 : indexOf(bounds, r.from(), order) + 1;
            int end = r.to() == null ? bounds.size() : indexOf(bounds, r.to(), order);
            for (int j = start; j <= end; j++) {
                map[j] = i;
            }
        }
        // Rows before the first and after the last range are filtered out by the query's WHERE, so
        // their intervals may take the neighbouring bucket, which spares comparisons.
        if (!ranges.isEmpty()) {
            map[0] = map[0] == GAP ? 0 : map[0];
            map[map.length - 1] = map[map.length - 1] == GAP ? ranges.size() - 1 : map[map.length - 1];
        }
        return new RangeBuckets(bounds, map);
    }

    private static int indexOf(List<Row> bounds, Row bound, KeyOrder order) {
        int i = Collections.binarySearch(bounds, bound, order);
        if (i < 0) {
            throw new IllegalStateException("bound " + bound + " is not among the bounds");
        }
        return i;
    }

    /** The SQL expression of a row's bucket, adding parameters to {@code params} in text order. */
    String expression(KeyRangeSql keys, List<SqlParam> params) {
        return node(0, rangeOfInterval.length - 1, keys, params);
    }

    private String node(int lo, int hi, KeyRangeSql keys, List<SqlParam> params) {
        boolean uniform = true;
        for (int j = lo + 1; j <= hi && uniform; j++) {
            uniform = rangeOfInterval[j] == rangeOfInterval[lo];
        }
        if (uniform) {
            return Integer.toString(rangeOfInterval[lo]);
        }
        int mid = (lo + hi + 1) / 2;
        // Intervals lo..mid-1 hold exactly the keys below bound mid-1.
        String condition = keys.compare("<", bounds.get(mid - 1), params);
        String left = node(lo, mid - 1, keys, params);
        String right = node(mid, hi, keys, params);
        return "CASE WHEN " + condition + " THEN " + left + " ELSE " + right + " END";
    }

    /** Whether the ranges are each non-empty and, in the order given, ascending and disjoint. */
    static boolean sortedDisjoint(List<KeyRange> ranges, KeyOrder order) {
        for (int i = 0; i < ranges.size(); i++) {
            KeyRange r = ranges.get(i);
            if (r.from() != null && r.to() != null && order.compare(r.from(), r.to()) >= 0) {
                return false;
            }
            if (i > 0) {
                KeyRange prev = ranges.get(i - 1);
                if (prev.to() == null || r.from() == null || order.compare(prev.to(), r.from()) > 0) {
                    return false;
                }
            }
        }
        return true;
    }
}
