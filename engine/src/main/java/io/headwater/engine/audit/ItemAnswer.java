package io.headwater.engine.audit;

import java.util.List;
import java.util.Objects;

/**
 * One checklist item as answered in an audit.
 *
 * @param item      the question
 * @param suggested the status its evidence suggests
 * @param status    the status the reviewer settled on (the suggestion until they change it)
 * @param notes     the reviewer's notes; empty when none
 * @param evidence  the evidence of the item's probes
 */
public record ItemAnswer(ChecklistItem item, AuditStatus suggested, AuditStatus status, String notes, List<Evidence> evidence) {
    public ItemAnswer {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(suggested, "suggested");
        Objects.requireNonNull(status, "status");
        notes = notes == null ? "" : notes;
        evidence = List.copyOf(evidence);
    }

    public String id() {
        return item.id();
    }

    /** The findings among the evidence. */
    public List<Evidence> findings() {
        return evidence.stream().filter(Evidence::isFinding).toList();
    }

    public ItemAnswer answered(AuditStatus newStatus, String newNotes) {
        return new ItemAnswer(item, suggested, newStatus, newNotes, evidence);
    }
}
