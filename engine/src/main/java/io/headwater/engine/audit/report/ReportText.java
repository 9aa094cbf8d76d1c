package io.headwater.engine.audit.report;

import io.headwater.engine.audit.Evidence;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.Collectors;

/** Small text renderings shared by the report formats. */
final class ReportText {
    private ReportText() {
    }

    static String instant(Instant i) {
        return i.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String millis(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + " ms" : String.format(java.util.Locale.ROOT, "%.2f s", ms / 1000.0);
    }

    static String counts(Evidence e) {
        return e.counts().entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining(", "));
    }

    static String countsJson(Map<String, Long> counts) {
        return counts.entrySet().stream().map(c -> JsonText.quote(c.getKey()) + ":" + c.getValue()).collect(Collectors.joining(",", "{", "}"));
    }
}
