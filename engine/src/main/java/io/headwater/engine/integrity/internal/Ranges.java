package io.headwater.engine.integrity.internal;

import io.headwater.engine.integrity.KeyOrder;
import io.headwater.engine.integrity.KeyRange;
import io.headwater.engine.model.Row;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Building and tidying lists of key ranges. */
public final class Ranges {
    private Ranges() {
    }

    /**
     * The ranges that split {@code outer} at the given points; points outside the range or not
     * above the previous one are skipped, so the result is ascending, disjoint and covers {@code outer}.
     */
    public static List<KeyRange> split(KeyRange outer, List<Row> points, KeyOrder order) {
        List<KeyRange> parts = new ArrayList<>();
        Row from = outer.from();
        for (Row p : points) {
            boolean aboveFrom = from == null || order.compare(p, from) > 0;
            boolean belowTo = outer.to() == null || order.compare(p, outer.to()) < 0;
            if (aboveFrom && belowTo) {
                parts.add(new KeyRange(from, p));
                from = p;
            }
        }
        parts.add(new KeyRange(from, outer.to()));
        return parts;
    }

    /** Disjoint ranges sorted by lower bound, adjacent ones joined. */
    public static List<KeyRange> sortedAndJoined(List<KeyRange> ranges, KeyOrder order) {
        List<KeyRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparing(KeyRange::from, Comparator.nullsFirst(order)));
        List<KeyRange> out = new ArrayList<>();
        for (KeyRange r : sorted) {
            KeyRange last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.to() != null && r.from() != null && order.compare(last.to(), r.from()) == 0) {
                out.set(out.size() - 1, new KeyRange(last.from(), r.to()));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /** Whether ranges are ascending and disjoint. */
    public static boolean ascendingAndDisjoint(List<KeyRange> ranges, KeyOrder order) {
        for (int i = 1; i < ranges.size(); i++) {
            Row prevTo = ranges.get(i - 1).to();
            Row from = ranges.get(i).from();
            if (prevTo == null || from == null || order.compare(prevTo, from) > 0) {
                return false;
            }
        }
        return true;
    }
}
