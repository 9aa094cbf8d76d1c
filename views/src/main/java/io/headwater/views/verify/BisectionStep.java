package io.headwater.views.verify;

/**
 * One step of a verification's bisection, told for the step-through view.
 *
 * @param kind  what happened
 * @param level 0 for the top-level segments, one more per split (indentation)
 * @param text  the step in words
 */
public record BisectionStep(Kind kind, int level, String text) {
    /** The kinds of step, each drawn in its own colour. */
    public enum Kind {
        /** A segment's checksums were equal on both sides. */
        EQUAL,
        /** A segment's checksums differed. */
        DIFFERENT,
        /** A differing segment was split. */
        SPLIT,
        /** Too many segments differed; the rest is compared record by record. */
        STOPPED,
        /** A range was compared record by record. */
        MERGED,
        /** The keys the bisection narrowed down to. */
        NARROWED,
        /** Steps left out because there were too many to keep. */
        OMITTED
    }
}
