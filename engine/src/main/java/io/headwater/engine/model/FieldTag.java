package io.headwater.engine.model;

import java.time.Duration;
import java.time.Period;
import java.util.Objects;
import java.util.Optional;

/**
 * A tag on a field, written {@code name:value} in a config: {@code pii:email} (a personal data
 * category) or {@code retention:P30D} / {@code retention:30d} (how long the data may be kept).
 */
public record FieldTag(String name, String value) {
    public static final String PII = "pii";
    public static final String RETENTION = "retention";

    public FieldTag {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    public boolean isPii() {
        return PII.equals(name);
    }

    public boolean isRetention() {
        return RETENTION.equals(name);
    }

    /** The retention as a duration, when this is a retention tag with a valid value. */
    public Optional<Duration> retention() {
        return isRetention() ? parseDuration(value) : Optional.empty();
    }

    /**
     * Parses {@code 30d}, {@code 12h}, {@code 45m}, {@code 10s}, {@code 500ms}, {@code 7y} (365 days
     * a year) or an ISO-8601 duration or period ({@code PT12H}, {@code P30D}, {@code P7Y}).
     */
    public static Optional<Duration> parseDuration(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.trim();
        try {
            if (t.startsWith("P") || t.startsWith("p")) {
                String upper = t.toUpperCase(java.util.Locale.ROOT);
                if (upper.contains("T")) {
                    return Optional.of(Duration.parse(upper));
                }
                Period p = Period.parse(upper);
                return Optional.of(Duration.ofDays(p.getYears() * 365L + p.getMonths() * 30L + p.getDays()));
            }
            int i = 0;
            while (i < t.length() && Character.isDigit(t.charAt(i))) {
                i++;
            }
            if (i == 0) {
                return Optional.empty();
            }
            long n = Long.parseLong(t.substring(0, i));
            return switch (t.substring(i).trim()) {
                case "ms" -> Optional.of(Duration.ofMillis(n));
                case "s" -> Optional.of(Duration.ofSeconds(n));
                case "m", "min" -> Optional.of(Duration.ofMinutes(n));
                case "h" -> Optional.of(Duration.ofHours(n));
                case "d" -> Optional.of(Duration.ofDays(n));
                case "w" -> Optional.of(Duration.ofDays(7 * n));
                case "y" -> Optional.of(Duration.ofDays(365 * n));
                default -> Optional.empty();
            };
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return name + ":" + value;
    }
}
