package io.headwater.engine.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps audits so that they can be reopened and compared (the workbench's database; see
 * {@code connectors.workbench.H2AuditStore}). Implementations are thread-safe.
 */
public interface AuditStore {
    /** One stored audit, without its items. */
    record Summary(long id, String checklist, String pipeline, String reviewer, Instant started, long pass, long fail, long review,
                   long notApplicable, String sealRoot) {
    }

    /** Stores a new audit and returns it with its id. */
    AuditSession save(AuditSession session);

    /** Replaces the answers (status and notes) of a stored audit. */
    void saveAnswers(AuditSession session);

    /** Records the seal root of a report written from audit {@code id}, so a report can be checked against it later. */
    void recordSeal(long id, String root);

    /** The audits of a pipeline, newest first. */
    List<Summary> list(String pipeline);

    /** One audit with its items and evidence. */
    Optional<AuditSession> load(long id);
}
