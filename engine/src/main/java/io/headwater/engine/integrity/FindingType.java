package io.headwater.engine.integrity;

/** What a verification found wrong with one key. */
public enum FindingType {
    /** The key is in the source but missing in the derived store. */
    MISSING,
    /** The key is in the derived store but not in the source: an orphan. */
    EXTRA,
    /** The key is on both sides with different compared values. */
    MISMATCHED,
    /** The difference was a change on its way through the pipeline, not corruption. */
    IN_FLIGHT,
    /**
     * The key is in the source but not in the derived store, which is a cache whose flow declares
     * {@code ttl}: the cache expired it, as it is meant to. Not corruption.
     */
    EXPIRED,
    /**
     * The key is in the derived store only, and the flow declares that its sink keeps the records
     * deleted at the source ({@code deletes: keep}): expected, not corruption.
     */
    KEPT_DELETED;

    /** Whether this type means the derived store is wrong (missing, extra, mismatched). */
    public boolean isCorrupt() {
        return this != IN_FLIGHT && this != EXPIRED && this != KEPT_DELETED;
    }
}
