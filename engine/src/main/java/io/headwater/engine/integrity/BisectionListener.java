package io.headwater.engine.integrity;

import java.util.List;

/**
 * Receives the steps of a verification, for a step-through view. Called from the verifying
 * thread; every method does nothing by default.
 */
public interface BisectionListener {
    /** Ignores every step. */
    BisectionListener NONE = new BisectionListener() { };

    /**
     * Both sides' checksums of one segment were compared.
     *
     * @param level 0 for the top-level segments, one more per split
     */
    default void segmentCompared(int level, KeyRange range, SegmentChecksum source, SegmentChecksum target, boolean equal) {
    }

    /** An unequal segment was split into smaller ones, which are compared on the next level. */
    default void segmentSplit(int level, KeyRange range, List<KeyRange> parts) {
    }

    /**
     * Many segments of a level differed, so they are compared record by record without further
     * bisection.
     */
    default void bisectionStopped(int level, int unequal, int segments) {
    }

    /** A range was compared record by record, which found {@code findings} findings. */
    default void leafMerged(KeyRange range, long findings) {
    }
}
