package io.headwater.engine.audit;

import java.util.List;
import java.util.Objects;

/**
 * How a checklist item's evidence maps to a suggested status. In order: no evidence at all gives
 * {@code whenNoEvidence}; a finding whose code is in {@code fail} gives FAIL; a finding whose code
 * is in {@code review}, a finding with a code named nowhere, or evidence that could not be gathered
 * gives NEEDS_REVIEW; otherwise {@code otherwise} (PASS by default). Immutable.
 *
 * @param fail           finding codes that fail the item
 * @param review         finding codes that need a reviewer's look
 * @param otherwise      the status when nothing above applies
 * @param whenNoEvidence the status when the probes returned no evidence (nothing to check)
 */
public record StatusRule(List<String> fail, List<String> review, AuditStatus otherwise, AuditStatus whenNoEvidence) {
    /** Fails on nothing, reviews every finding, passes otherwise. */
    public static final StatusRule DEFAULT = new StatusRule(List.of(), List.of(), AuditStatus.PASS, AuditStatus.NOT_APPLICABLE);

    public StatusRule {
        fail = List.copyOf(fail);
        review = List.copyOf(review);
        Objects.requireNonNull(otherwise, "otherwise");
        Objects.requireNonNull(whenNoEvidence, "whenNoEvidence");
    }

    /** The status this rule suggests for the evidence. */
    public AuditStatus suggest(List<Evidence> evidence) {
        if (evidence.isEmpty()) {
            return whenNoEvidence;
        }
        if (evidence.stream().anyMatch(e -> e.isFinding() && fail.contains(e.code()))) {
            return AuditStatus.FAIL;
        }
        boolean review = evidence.stream().anyMatch(e -> e.kind() == EvidenceKind.UNAVAILABLE || e.isFinding());
        return review ? AuditStatus.NEEDS_REVIEW : otherwise;
    }
}
