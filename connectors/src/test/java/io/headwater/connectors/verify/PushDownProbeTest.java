package io.headwater.connectors.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.integrity.LevelPlan;
import io.headwater.engine.integrity.SegmentChecksum;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The push-down choice from a sampled first level and two timings (given, never measured here). */
class PushDownProbeTest {
    /** A sampled level of 16 segments of which {@code unequal}, spread apart, differ. */
    private static LevelPlan.Plan level(int unequal) {
        List<SegmentChecksum> s = new ArrayList<>();
        List<SegmentChecksum> t = new ArrayList<>();
        for (int i = 0; i < PushDownProbe.SEGMENTS; i++) {
            s.add(new SegmentChecksum(1_250, i));
            t.add(new SegmentChecksum(1_250, i % 2 == 0 && i / 2 < unequal ? i + 1 : i));
        }
        return LevelPlan.of(s, t, 2_000);
    }

    @Test
    void readsTheRowsWhenTheSampleIsDenseWithDifferencesHoweverFastTheChecksums() {
        PushDownProbe.Verdict v = PushDownProbe.decide(level(5), 20_000, 1_000_000, 900_000_000);
        assertThat(v.pushDown()).isFalse();
        assertThat(v.reason()).contains("5 of 16 segments differ");
    }

    @Test
    void pushesDownWhenFewSegmentsDifferAndTheChecksumsAreCheaper() {
        PushDownProbe.Verdict v = PushDownProbe.decide(level(4), 20_000, 40_000_000, 90_000_000);
        assertThat(v.pushDown()).isTrue();
        assertThat(v.reason()).contains("database checksums 40 ms, reading the rows 90 ms: checksums pushed down");
    }

    @Test
    void readsTheRowsWhenReadingIsCheaperEvenIfNothingDiffers() {
        PushDownProbe.Verdict v = PushDownProbe.decide(level(0), 20_000, 90_000_000, 40_000_000);
        assertThat(v.pushDown()).isFalse();
        assertThat(v.reason()).contains("rows read and hashed in Java");
    }
}
