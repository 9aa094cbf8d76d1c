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
     * The key is in the derived store only, and the flow declares that its sink keeps the records
     * deleted at the source ({@code deletes: keep}): expected, not corruption.
     */
    KEPT_DELETED;

    /** Whether this type means the derived store is wrong (everything but {@link #IN_FLIGHT} and {@link #KEPT_DELETED}). */
    public boolean isCorrupt() {
        return this != IN_FLIGHT && this != KEPT_DELETED;
    }
}
