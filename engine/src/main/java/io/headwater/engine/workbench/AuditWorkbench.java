package io.headwater.engine.workbench;

import io.headwater.engine.audit.AuditRunner;
import io.headwater.engine.audit.AuditSession;
import io.headwater.engine.audit.AuditStore;
import io.headwater.engine.audit.Checklist;
import io.headwater.engine.audit.ErasureTrace;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.spi.Cancellation;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the Audit view can do with one open pipeline: load a checklist, run its probes into an audit
 * stored in the workbench database, record the reviewer's answers, export sealed reports, reopen
 * earlier audits and trace a data subject. Every method may block (the probes read every store):
 * call it from a background thread, never the FX thread. Failures are
 * {@link io.headwater.engine.HeadwaterException}s with a message fit for a dialog. Implementations
 * are thread-safe.
 */
public interface AuditWorkbench {

    /**
     * A sealed report written to a file.
     *
     * @param file     where it was written
     * @param format   {@code html}, {@code md} or {@code json}
     * @param sealRoot the root of its SHA-256 hash chain (hex), also recorded with the audit
     * @param bytes    its size
     */
    record ExportedReport(Path file, String format, String sealRoot, long bytes) {
        public ExportedReport {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(sealRoot, "sealRoot");
        }
    }

    /** The pipeline audited (for the PII flows on the graph). */
    Pipeline pipeline();

    /** The names of the built-in checklists ({@code privacy}, {@code retention}). */
    List<String> builtInChecklists();

    /** A built-in checklist by name, or a checklist YAML file by path; a bad file fails with every problem listed. */
    Checklist loadChecklist(String nameOrPath);

    /**
     * Runs every probe of {@code checklist} and stores the audit, each item with its suggested
     * status. {@code listener} is called on the working thread.
     *
     * @throws io.headwater.engine.Cancelled when cancelled
     */
    AuditSession runAudit(Checklist checklist, String reviewer, Cancellation cancellation, AuditRunner.Listener listener);

    /** Records the statuses and notes of a stored audit. */
    void saveAnswers(AuditSession session);

    /** Writes {@code session} as a sealed report; the format follows the extension ({@code .html}, {@code .md}, {@code .json}). */
    ExportedReport exportReport(AuditSession session, Path file);

    /** The earlier audits of the pipeline, newest first. */
    List<AuditStore.Summary> audits();

    /** One earlier audit with its answers and evidence. */
    AuditSession loadAudit(long id);

    /** Where a data subject ({@code customers:42}) still lives. */
    ErasureTrace eraseCheck(String subject);
}
