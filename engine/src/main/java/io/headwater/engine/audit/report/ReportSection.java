package io.headwater.engine.audit.report;

import java.util.Objects;

/**
 * One sealed part of a rendered report.
 *
 * @param name {@code header} or {@code item:ID}; no spaces
 * @param text the rendered text (UTF-8 on disk)
 */
public record ReportSection(String name, String text) {
    public ReportSection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a section name has no spaces: '" + name + "'");
        }
    }
}
