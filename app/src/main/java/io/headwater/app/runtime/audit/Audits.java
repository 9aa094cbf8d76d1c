package io.headwater.app.runtime.audit;

import io.headwater.app.runtime.LivePipeline;
import io.headwater.connectors.audit.ErasureTracer;
import io.headwater.connectors.workbench.H2AuditStore;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.audit.AuditComparison;
import io.headwater.engine.audit.AuditRunner;
import io.headwater.engine.audit.AuditSession;
import io.headwater.engine.audit.AuditStore;
import io.headwater.engine.audit.Checklist;
import io.headwater.engine.audit.ChecklistLoader;
import io.headwater.engine.audit.ErasureSubject;
import io.headwater.engine.audit.ErasureTrace;
import io.headwater.engine.audit.ProbeContext;
import io.headwater.engine.audit.report.AuditReport;
import io.headwater.engine.audit.report.PiiFlows;
import io.headwater.engine.audit.report.ReportFormat;
import io.headwater.engine.audit.report.ReportSeal;
import io.headwater.engine.audit.report.ReportVerifier;
import io.headwater.engine.lineage.LineageGraph;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Audits of one pipeline: runs a checklist's probes against the running pipeline and stores the
 * audit in the workbench database, writes sealed reports, traces erasure, checks reports, lists and
 * compares earlier audits. What the CLI's {@code audit} commands and the GUI's Audit view call;
 * every method blocks, so callers run it off the UI thread. Thread-safe.
 */
public final class Audits {
    private final Pipeline pipeline;
    private final AuditStore store;
    private final Clock clock;

    private Audits(Pipeline pipeline, AuditStore store, Clock clock) {
        this.pipeline = pipeline;
        this.store = store;
        this.clock = clock;
    }

    /** Audits of {@code pipeline}, stored in its data directory's workbench database. */
    public static Audits open(Pipeline pipeline) {
        return new Audits(pipeline, H2AuditStore.open(pipeline.dataDir().resolve("workbench")), Clock.systemUTC());
    }

    /** The checklist loader, knowing every probe. */
    public static ChecklistLoader checklists() {
        return new ChecklistLoader(AuditProbes.IDS);
    }

    /** Runs every probe of {@code checklist} against {@code runtime} and stores the audit. */
    public AuditSession run(LivePipeline runtime, Checklist checklist, String reviewer, Cancellation cancellation, AuditRunner.Listener listener) {
        PipelineStores stores = new PipelineStores(runtime);
        ProbeContext context = new ProbeContext(runtime.pipeline(), new LineageGraph(runtime.pipeline()), clock, cancellation, ProgressListener.NONE);
        AuditSession session = new AuditRunner(AuditProbes.all(stores)).run(checklist, context, reviewer, listener);
        return store.save(session);
    }

    /** A written report. */
    public record WrittenReport(Path file, ReportFormat format, String root, long bytes) {
    }

    /** Writes {@code session} as a sealed report; the format follows the file's extension. */
    public WrittenReport writeReport(AuditSession session, Path file) {
        ReportFormat format = ReportFormat.forFile(file).orElseThrow(() -> new HeadwaterException("report " + file
                + ": the file name must end in .html, .md or .json"));
        ReportSeal.Sealed sealed = ReportSeal.seal(new AuditReport(session, PiiFlows.of(pipeline), clock.instant()), format);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, sealed.bytes());
        } catch (IOException e) {
            throw new HeadwaterException("cannot write the report to " + file + ": " + e.getMessage(), e);
        }
        if (session.id() > 0) {
            store.recordSeal(session.id(), sealed.root());
        }
        return new WrittenReport(file, format, sealed.root(), sealed.bytes().length);
    }

    /** Checks a report file. */
    public static ReportVerifier.Result verifyReport(Path file) {
        try {
            return ReportVerifier.verify(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new HeadwaterException("cannot read report " + file + ": " + e.getMessage(), e);
        }
    }

    /** Where a data subject still lives in the running pipeline. */
    public ErasureTrace eraseCheck(LivePipeline runtime, ErasureSubject subject) {
        return new ErasureTracer(new PipelineStores(runtime), clock).trace(subject);
    }

    public List<AuditStore.Summary> list() {
        return store.list(pipeline.name());
    }

    public AuditSession load(long id) {
        return store.load(id).orElseThrow(() -> new HeadwaterException("no audit #" + id + " in the workbench database of " + pipeline.dataDir()));
    }

    /** Records the reviewer's changed statuses and notes. */
    public void saveAnswers(AuditSession session) {
        store.saveAnswers(session);
    }

    public AuditComparison compare(long earlier, long later) {
        return AuditComparison.of(load(earlier), load(later));
    }
}
