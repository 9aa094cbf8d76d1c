package io.headwater.connectors.audit;

import io.headwater.engine.audit.pii.PiiCategory;
import io.headwater.engine.audit.pii.PiiMatch;
import io.headwater.engine.audit.pii.PiiMatchers;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the personal data in the values of one column (or one topic): values scanned, values with
 * a match per category, checksum-invalid IBANs, and a few masked examples. Not thread-safe.
 */
final class PiiTally {
    private static final int EXAMPLES = 3;
    private long scanned;
    private final Map<PiiCategory, Long> values = new EnumMap<>(PiiCategory.class);
    private final Map<PiiCategory, List<String>> examples = new EnumMap<>(PiiCategory.class);
    private long invalidIbans;

    void add(String text) {
        if (text == null) {
            return;
        }
        scanned++;
        java.util.Set<PiiCategory> seen = java.util.EnumSet.noneOf(PiiCategory.class);
        for (PiiMatch m : PiiMatchers.find(text)) {
            if (m.category() == PiiCategory.IBAN && !m.validated()) {
                invalidIbans++;
            }
            if (seen.add(m.category())) {
                values.merge(m.category(), 1L, Long::sum);
                List<String> ex = examples.computeIfAbsent(m.category(), k -> new ArrayList<>());
                if (ex.size() < EXAMPLES) {
                    ex.add(m.masked());
                }
            }
        }
    }

    long scanned() {
        return scanned;
    }

    Map<PiiCategory, Long> values() {
        return values;
    }

    long count(PiiCategory c) {
        return values.getOrDefault(c, 0L);
    }

    List<String> examples(PiiCategory c) {
        return examples.getOrDefault(c, List.of());
    }

    long invalidIbans() {
        return invalidIbans;
    }
}
