package io.headwater.engine.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One audit: a checklist answered for a pipeline by a reviewer, with every item's evidence and how
 * each probe ran. Immutable; {@link #answered} gives a copy with one item's status and notes changed.
 *
 * @param id        the id under which an {@link AuditStore} keeps it; 0 when not stored
 * @param checklist the checklist's id
 * @param title     the checklist's title
 * @param source    where the checklist was loaded from
 * @param pipeline  the pipeline's name
 * @param reviewer  who answers
 * @param started   when the probes started
 * @param finished  when they finished
 * @param items     the answers, in checklist order
 * @param probeRuns how each probe ran
 */
public record AuditSession(long id, String checklist, String title, String source, String pipeline, String reviewer, Instant started,
                           Instant finished, List<ItemAnswer> items, List<ProbeRun> probeRuns) {
    public AuditSession {
        Objects.requireNonNull(checklist, "checklist");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(reviewer, "reviewer");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        items = List.copyOf(items);
        probeRuns = List.copyOf(probeRuns);
    }

    public AuditSession withId(long newId) {
        return new AuditSession(newId, checklist, title, source, pipeline, reviewer, started, finished, items, probeRuns);
    }

    /** A copy with the status and notes of item {@code itemId} changed. */
    public AuditSession answered(String itemId, AuditStatus status, String notes) {
        List<ItemAnswer> changed = new ArrayList<>();
        boolean found = false;
        for (ItemAnswer a : items) {
            if (a.id().equals(itemId)) {
                changed.add(a.answered(status, notes));
                found = true;
            } else {
                changed.add(a);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("checklist " + checklist + " has no item " + itemId);
        }
        return new AuditSession(id, checklist, title, source, pipeline, reviewer, started, finished, changed, probeRuns);
    }

    /** How many items have the given status. */
    public long count(AuditStatus status) {
        return items.stream().filter(i -> i.status() == status).count();
    }

    /** Whether any item fails. */
    public boolean anyFails() {
        return count(AuditStatus.FAIL) > 0;
    }

    public Duration elapsed() {
        return Duration.between(started, finished);
    }
}
