package io.headwater.engine.audit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The status of one checklist item: suggested from the evidence, confirmed or changed by the reviewer. */
public enum AuditStatus {
    PASS, FAIL, NEEDS_REVIEW, NOT_APPLICABLE;

    /** The name used in checklists and reports: {@code pass}, {@code fail}, {@code needs-review}, {@code not-applicable}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A short label for reports. */
    public String label() {
        return switch (this) {
            case PASS -> "Pass";
            case FAIL -> "Fail";
            case NEEDS_REVIEW -> "Needs review";
            case NOT_APPLICABLE -> "Not applicable";
        };
    }

    public static Optional<AuditStatus> fromConfigName(String name) {
        return Arrays.stream(values()).filter(s -> s.configName().equals(name)).findFirst();
    }
}
