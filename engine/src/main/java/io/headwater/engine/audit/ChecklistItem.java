package io.headwater.engine.audit;

import java.util.List;
import java.util.Objects;

/**
 * One question of a checklist.
 *
 * @param id       a stable id, unique in its checklist ({@code need-1}); letters, digits, '-', '_' and '.'
 * @param question the question the reviewer answers
 * @param guidance how to answer it and what the evidence means
 * @param probes   the ids of the probes whose evidence is shown with the item
 * @param rule     how that evidence maps to a suggested status
 * @param evidence the evidence codes shown with the item, when its probes return more than it is
 *                 about; empty for all of them
 */
public record ChecklistItem(String id, String question, String guidance, List<String> probes, StatusRule rule, List<String> evidence) {
    public ChecklistItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(guidance, "guidance");
        Objects.requireNonNull(rule, "rule");
        probes = List.copyOf(probes);
        evidence = List.copyOf(evidence);
    }

    public ChecklistItem(String id, String question, String guidance, List<String> probes, StatusRule rule) {
        this(id, question, guidance, probes, rule, List.of());
    }

    /** Whether evidence with this code belongs to the item (its probe's evidence can serve several items). */
    public boolean shows(Evidence e) {
        return evidence.isEmpty() || evidence.contains(e.code()) || e.kind() == EvidenceKind.UNAVAILABLE;
    }
}
