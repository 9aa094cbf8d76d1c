package io.headwater.engine.integrity.internal;

import io.headwater.engine.integrity.Finding;
import io.headwater.engine.integrity.FindingCounts;
import io.headwater.engine.integrity.FindingSink;
import io.headwater.engine.integrity.FindingType;
import io.headwater.engine.integrity.KeyOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Counts findings exactly, keeps the ones with the smallest keys of each type (so the listing does
 * not depend on the order findings were found in) and passes every finding on to a sink. Used
 * from one thread.
 */
public final class FindingCollector implements FindingSink {
    private final int maxListed;
    private final Comparator<Finding> byKey;
    private final FindingSink all;
    private final Map<FindingType, PriorityQueue<Finding>> largestFirst = new EnumMap<>(FindingType.class);
    private FindingCounts counts = FindingCounts.NONE;

    public FindingCollector(int maxListed, KeyOrder order, FindingSink all) {
        this.maxListed = maxListed;
        this.byKey = Comparator.comparing(Finding::key, order);
        this.all = all;
        for (FindingType t : FindingType.values()) {
            largestFirst.put(t, new PriorityQueue<>(byKey.reversed()));
        }
    }

    @Override
    public void accept(Finding f) {
        counts = counts.plus(f.type(), 1);
        PriorityQueue<Finding> kept = largestFirst.get(f.type());
        if (kept.size() < maxListed) {
            kept.add(f);
        } else if (maxListed > 0 && byKey.compare(f, kept.peek()) < 0) {
            kept.poll();
            kept.add(f);
        }
        all.accept(f);
    }

    /** The exact counts so far. */
    public FindingCounts counts() {
        return counts;
    }

    /** The listed findings: by type, then key. */
    public List<Finding> listed() {
        List<Finding> out = new ArrayList<>();
        for (FindingType t : FindingType.values()) {
            largestFirst.get(t).stream().sorted(byKey).forEach(out::add);
        }
        return out;
    }
}
