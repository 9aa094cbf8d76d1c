package io.headwater.engine.integrity;

import static io.headwater.engine.integrity.LevelPlan.Step.EQUAL;
import static io.headwater.engine.integrity.LevelPlan.Step.MERGE;
import static io.headwater.engine.integrity.LevelPlan.Step.SPLIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The answers of the cost-based choice between splitting an unequal segment and merging it whole. */
class LevelPlanTest {
    private static final int LEAF = 100;

    /** A level from a pattern: '.' equal, 'x' unequal with equal counts, 'c' unequal with the given count difference. */
    private static LevelPlan.Plan plan(String pattern, long rows, long countDifference) {
        List<SegmentChecksum> s = new ArrayList<>();
        List<SegmentChecksum> t = new ArrayList<>();
        for (char c : pattern.toCharArray()) {
            s.add(new SegmentChecksum(rows, 42));
            t.add(switch (c) {
                case '.' -> new SegmentChecksum(rows, 42);
                case 'x' -> new SegmentChecksum(rows, 43);
                default -> new SegmentChecksum(rows - countDifference, 42);
            });
        }
        return LevelPlan.of(s, t, LEAF);
    }

    @Test
    void splitsIsolatedDifferencesAndMergesAWideRunOfThem() {
        LevelPlan.Plan p = plan("x.......xx......xxx.....", 10_000, 0);
        assertThat(p.bulk()).isFalse();
        assertThat(p.steps()).containsExactly(SPLIT, EQUAL, EQUAL, EQUAL, EQUAL, EQUAL, EQUAL, EQUAL,
                SPLIT, SPLIT, EQUAL, EQUAL, EQUAL, EQUAL, EQUAL, EQUAL,
                MERGE, MERGE, MERGE, EQUAL, EQUAL, EQUAL, EQUAL, EQUAL);
    }

    @Test
    void mergesEveryUnequalSegmentWhenMoreThanAQuarterOfALevelDiffers() {
        LevelPlan.Plan p = plan("x.x.x.x.x.......", 10_000, 0);
        assertThat(p.bulk()).isTrue();
        assertThat(p.count(MERGE)).isEqualTo(5);
        assertThat(p.count(SPLIT)).isZero();
        assertThat(plan("x.x.x.x.........", 10_000, 0).bulk()).as("exactly a quarter still bisects").isFalse();
    }

    @Test
    void aSmallLevelNeverStopsAsAWhole() {
        LevelPlan.Plan p = plan("x.x.x.", 10_000, 0);
        assertThat(p.bulk()).isFalse();
        assertThat(p.steps()).containsExactly(SPLIT, EQUAL, SPLIT, EQUAL, SPLIT, EQUAL);
    }

    @Test
    void mergesASegmentWhoseCountsAloneShowDifferencesInMostOfItsLeaves() {
        // 10,000 rows are 100 leaves: 50 missing records could touch half of them; 49 could not.
        assertThat(plan("c.......", 10_000, 50).steps().get(0)).isEqualTo(MERGE);
        assertThat(plan("c.......", 10_000, 49).steps().get(0)).isEqualTo(SPLIT);
        assertThat(plan("c.......", 10_000, -51).steps().get(0)).as("51 extra records of 10,051 count too").isEqualTo(MERGE);
    }

    @Test
    void leavesEqualLevelsAlone() {
        LevelPlan.Plan p = plan("........", 10_000, 0);
        assertThat(p.count(EQUAL)).isEqualTo(8);
        assertThat(p.bulk()).isFalse();
    }
}
