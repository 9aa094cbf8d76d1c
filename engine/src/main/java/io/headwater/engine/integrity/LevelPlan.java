package io.headwater.engine.integrity;

import java.util.List;

/**
 * Which unequal segments of a bisection level to split further and which to compare record by
 * record whole, by what another level would cost against what it could save. Splitting costs one
 * more checksum pass over the segment on both sides and pays only when most of the segment's parts
 * turn out equal; where differences are dense, reading the segment once is cheaper. Dense means:
 * <ol>
 * <li>more than {@value #BULK_FRACTION} of a level of at least {@value #BULK_MIN_SEGMENTS} segments
 *     differ (differences everywhere): every unequal segment is merged whole;</li>
 * <li>a run of at least {@value #WIDE_RUN} neighbouring unequal segments (a wide range of
 *     differences): the run is merged whole;</li>
 * <li>the record counts alone differ by at least one record per two leaves of the segment (each
 *     differing count is at least one differing record, so most parts would differ): merged whole.</li>
 * </ol>
 * Every other unequal segment is split. Stateless and thread-safe.
 */
public final class LevelPlan {
    /** The share of unequal segments above which a level stops bisecting. */
    public static final double BULK_FRACTION = 0.25;
    /** Levels with fewer segments never stop bisecting as a whole: the share says little there. */
    public static final int BULK_MIN_SEGMENTS = 8;
    /** Neighbouring unequal segments from which on a run is merged whole. */
    public static final int WIDE_RUN = 3;

    /** What to do with one segment. */
    public enum Step {
        /** Equal on both sides: done. */
        EQUAL,
        /** Unequal: split and compare the parts' checksums. */
        SPLIT,
        /** Unequal: compare record by record, whole. */
        MERGE
    }

    /**
     * The plan of a level.
     *
     * @param steps one step per segment, in order
     * @param bulk  whether the level stopped bisecting as a whole (rule 1)
     */
    public record Plan(List<Step> steps, boolean bulk) {
        public long count(Step step) {
            return steps.stream().filter(s -> s == step).count();
        }
    }

    private LevelPlan() {
    }

    /** The plan for a level's checksums (same length, same order) with leaves of {@code leafSize} records. */
    public static Plan of(List<SegmentChecksum> source, List<SegmentChecksum> target, int leafSize) {
        int n = source.size();
        Step[] steps = new Step[n];
        int unequal = 0;
        for (int i = 0; i < n; i++) {
            steps[i] = source.get(i).equals(target.get(i)) ? Step.EQUAL : Step.SPLIT;
            unequal += steps[i] == Step.SPLIT ? 1 : 0;
        }
        boolean bulk = n >= BULK_MIN_SEGMENTS && unequal > n * BULK_FRACTION;
        for (int i = 0; i < n; i++) {
            if (steps[i] == Step.SPLIT && (bulk || countsImplyDense(source.get(i), target.get(i), leafSize))) {
                steps[i] = Step.MERGE;
            }
        }
        for (int start = 0; start < n; ) {
            int end = start;
            while (end < n && steps[end] != Step.EQUAL) {
                end++;
            }
            if (end - start >= WIDE_RUN) {
                for (int i = start; i < end; i++) {
                    steps[i] = Step.MERGE;
                }
            }
            start = end + 1;
        }
        return new Plan(List.of(steps), bulk);
    }

    private static boolean countsImplyDense(SegmentChecksum s, SegmentChecksum t, int leafSize) {
        long rows = Math.max(s.count(), t.count());
        long atLeastDiffering = Math.abs(s.count() - t.count());
        return atLeastDiffering * 2 * leafSize >= rows && rows > leafSize;
    }
}
