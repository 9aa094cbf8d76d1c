package io.headwater.connectors.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.history.VerificationRun;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2VerificationHistoryTest {
    @TempDir
    Path dir;

    private static VerificationRun run(String flow, boolean clean) {
        return new VerificationRun(0, Instant.parse("2026-11-25T10:00:00.123456Z"), "demo", flow, "pg.customers", "search.customers", "fast",
                100, 99, 100, 1, 0, 2, 3, clean, 1234, null, "{\"findings\":[]}");
    }

    @Test
    void savedRunsComeBackNewestFirstWithEveryFigure() {
        try (H2VerificationHistory h = H2VerificationHistory.open(dir)) {
            VerificationRun first = h.save(run("index-customers", true));
            VerificationRun second = h.save(run("cache-customers", false));

            assertThat(second.id()).isGreaterThan(first.id());
            assertThat(h.recent("demo", 10)).extracting(VerificationRun::flow).containsExactly("cache-customers", "index-customers");
            assertThat(h.get(first.id())).contains(first);
            assertThat(h.recent("other", 10)).isEmpty();
        }
    }

    @Test
    void historySurvivesReopening() {
        long id;
        try (H2VerificationHistory h = H2VerificationHistory.open(dir)) {
            id = h.save(run("index-customers", true)).id();
        }
        try (H2VerificationHistory h = H2VerificationHistory.open(dir)) {
            assertThat(h.get(id)).map(VerificationRun::started).contains(Instant.parse("2026-11-25T10:00:00.123456Z").truncatedTo(ChronoUnit.MICROS));
        }
    }
}
