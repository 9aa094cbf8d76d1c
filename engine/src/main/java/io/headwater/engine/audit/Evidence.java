package io.headwater.engine.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One piece of evidence a probe gathered about one subject (a dataset, a store, a topic).
 *
 * @param probe      the id of the probe that gathered it
 * @param subject    what it is about: {@code pg.customers}, {@code search}, {@code kafka.customers.email}
 * @param kind       fact, finding or unavailable
 * @param code       for findings, a stable code the checklist's status rules name ({@code undeclared-pii});
 *                   for facts a descriptive code; never null
 * @param summary    one line for a human
 * @param details    further lines: masked examples, paths, grants
 * @param counts     named counts ({@code matches}, {@code rows-past-retention}); insertion-ordered
 * @param gatheredAt when it was gathered
 * @param elapsed    how long gathering it took
 */
public record Evidence(String probe, String subject, EvidenceKind kind, String code, String summary, List<String> details,
                       Map<String, Long> counts, Instant gatheredAt, Duration elapsed) {
    public Evidence {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(gatheredAt, "gatheredAt");
        Objects.requireNonNull(elapsed, "elapsed");
        details = List.copyOf(details);
        counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    /** A count by name, 0 when absent. */
    public long count(String name) {
        return counts.getOrDefault(name, 0L);
    }

    public boolean isFinding() {
        return kind == EvidenceKind.FINDING;
    }

    /** Starts building evidence of {@code probe} about {@code subject}, timed from now by {@code clock}. */
    public static Builder of(String probe, String subject, java.time.Clock clock) {
        return new Builder(probe, subject, clock);
    }

    /**
     * Builds one piece of evidence; the time from {@link Evidence#of} to {@link #build} is its
     * {@code elapsed}. Not thread-safe.
     */
    public static final class Builder {
        private final String probe;
        private final String subject;
        private final java.time.Clock clock;
        private final long startNanos = System.nanoTime();
        private final List<String> details = new java.util.ArrayList<>();
        private final Map<String, Long> counts = new LinkedHashMap<>();

        private Builder(String probe, String subject, java.time.Clock clock) {
            this.probe = probe;
            this.subject = subject;
            this.clock = clock;
        }

        public Builder detail(String line) {
            details.add(line);
            return this;
        }

        public Builder details(List<String> lines) {
            details.addAll(lines);
            return this;
        }

        public Builder count(String name, long value) {
            counts.put(name, value);
            return this;
        }

        public Evidence fact(String code, String summary) {
            return build(EvidenceKind.FACT, code, summary);
        }

        public Evidence finding(String code, String summary) {
            return build(EvidenceKind.FINDING, code, summary);
        }

        public Evidence unavailable(String summary) {
            return build(EvidenceKind.UNAVAILABLE, "unavailable", summary);
        }

        public Evidence build(EvidenceKind kind, String code, String summary) {
            return new Evidence(probe, subject, kind, code, summary, details, counts, clock.instant(),
                    Duration.ofNanos(System.nanoTime() - startNanos));
        }
    }
}
