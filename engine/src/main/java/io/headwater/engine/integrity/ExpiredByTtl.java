package io.headwater.engine.integrity;

import io.headwater.engine.integrity.internal.FindingCollector;
import java.time.Duration;
import java.util.List;
import java.util.ListIterator;
import java.util.Objects;

/**
 * Tells a cache's expiry from loss. When a flow declares {@code ttl}, its target expires every key
 * that long after the key was written; so a key the source holds and the cache lacks
 * ({@link FindingType#MISSING}) is counted as {@link FindingType#EXPIRED}, with a note naming the
 * ttl, and is not corruption. Only missing keys qualify: expiry removes a key whole, so it never
 * explains a value that differs ({@link FindingType#MISMATCHED}) nor a key the source lacks
 * ({@link FindingType#EXTRA}). The counts stay exact: every finding of the run is reclassified, not
 * only the listed ones. Immutable and thread-safe.
 */
public final class ExpiredByTtl {
    private final Duration ttl;
    private final int maxKeysListed;

    /**
     * @param ttl           the flow's declared expiry
     * @param maxKeysListed how many findings of each type the result lists
     */
    public ExpiredByTtl(Duration ttl, int maxKeysListed) {
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.maxKeysListed = maxKeysListed;
    }

    /**
     * The result with every missing key counted as expired.
     *
     * @param all   every finding of {@code first} (not only the listed ones); its missing findings are
     *              replaced by their expired counterparts, in place
     * @param order the key order of the sides, for the listing
     */
    public VerificationResult reclassify(VerificationResult first, List<Finding> all, KeyOrder order) {
        if (first.counts().missing() == 0) {
            return first;
        }
        String note = "absent from the cache, which expires keys " + human(ttl) + " after they are written (ttl " + human(ttl) + ")";
        FindingCollector listing = new FindingCollector(maxKeysListed, order, FindingSink.NONE);
        for (ListIterator<Finding> it = all.listIterator(); it.hasNext(); ) {
            Finding f = it.next();
            if (f.type() == FindingType.MISSING) {
                f = f.reclassified(FindingType.EXPIRED, note);
                it.set(f);
            }
            listing.accept(f);
        }
        FindingCounts counts = first.counts();
        counts = counts.plus(FindingType.EXPIRED, counts.missing()).plus(FindingType.MISSING, -counts.missing());
        return first.withFindings(counts, listing.listed(), Duration.ZERO);
    }

    /** A duration as a config would write it: {@code 90s}, {@code 15m}, {@code 1h}, {@code 7d}. */
    static String human(Duration d) {
        long s = d.toSeconds();
        if (s > 0 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s > 0 && s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        if (s > 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s > 0 && d.toMillis() % 1000 == 0 ? s + "s" : d.toMillis() + "ms";
    }
}
