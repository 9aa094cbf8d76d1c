package io.headwater.app.runtime.workbench;

import io.headwater.app.runtime.LivePipeline;
import io.headwater.app.runtime.audit.Audits;
import io.headwater.engine.audit.AuditRunner;
import io.headwater.engine.audit.AuditSession;
import io.headwater.engine.audit.AuditStore;
import io.headwater.engine.audit.Checklist;
import io.headwater.engine.audit.ChecklistLoader;
import io.headwater.engine.audit.ErasureSubject;
import io.headwater.engine.audit.ErasureTrace;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.workbench.AuditWorkbench;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The {@link AuditWorkbench} on a pipeline running in this process: the same {@link Audits} the
 * CLI's {@code audit} commands use, audits stored in the data directory's workbench database
 * (opened on the first call). Thread-safe; calls block.
 */
public final class LiveAuditWorkbench implements AuditWorkbench {
    private final LivePipeline runtime;
    private final BooleanSupplier closed;
    /** Opened on the first call (a background thread), not on construction (which the UI thread may do). */
    private Audits audits;

    /**
     * @param closed whether the workbench this belongs to is closed (calls then fail)
     */
    LiveAuditWorkbench(LivePipeline runtime, BooleanSupplier closed) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.closed = Objects.requireNonNull(closed, "closed");
    }

    @Override
    public Pipeline pipeline() {
        return runtime.pipeline();
    }

    @Override
    public List<String> builtInChecklists() {
        return ChecklistLoader.BUILT_IN;
    }

    @Override
    public Checklist loadChecklist(String nameOrPath) {
        return guard("loading checklist " + nameOrPath, () -> Audits.checklists().resolve(nameOrPath));
    }

    @Override
    public AuditSession runAudit(Checklist checklist, String reviewer, Cancellation cancellation, AuditRunner.Listener listener) {
        return guard("audit " + checklist.id(), () -> opened().run(runtime, checklist, reviewer, cancellation,
                listener == null ? AuditRunner.Listener.NONE : listener));
    }

    @Override
    public void saveAnswers(AuditSession session) {
        guard("saving the answers of audit #" + session.id(), () -> {
            opened().saveAnswers(session);
            return null;
        });
    }

    @Override
    public ExportedReport exportReport(AuditSession session, Path file) {
        return guard("exporting audit #" + session.id() + " to " + file, () -> {
            Audits.WrittenReport written = opened().writeReport(session, file);
            return new ExportedReport(written.file(), written.format().extension().replaceFirst("^\\.", ""), written.root(), written.bytes());
        });
    }

    @Override
    public List<AuditStore.Summary> audits() {
        return guard("listing the audits", () -> opened().list());
    }

    @Override
    public AuditSession loadAudit(long id) {
        return guard("reopening audit #" + id, () -> opened().load(id));
    }

    @Override
    public ErasureTrace eraseCheck(String subject) {
        return guard("erase check of " + subject, () -> opened().eraseCheck(runtime, ErasureSubject.parse(runtime.pipeline(), subject)));
    }

    private synchronized Audits opened() {
        if (audits == null) {
            audits = Audits.open(runtime.pipeline());
        }
        return audits;
    }

    private <T> T guard(String what, Supplier<T> work) {
        if (closed.getAsBoolean()) {
            throw new io.headwater.engine.HeadwaterException(what + ": the workbench on pipeline " + pipeline().name() + " is closed");
        }
        return Failures.guard(what, work);
    }
}
