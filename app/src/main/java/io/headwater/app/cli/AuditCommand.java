package io.headwater.app.cli;

import io.headwater.app.runtime.LivePipeline;
import io.headwater.app.runtime.audit.Audits;
import io.headwater.engine.audit.AuditComparison;
import io.headwater.engine.audit.AuditRunner;
import io.headwater.engine.audit.AuditSession;
import io.headwater.engine.audit.AuditStatus;
import io.headwater.engine.audit.AuditStore;
import io.headwater.engine.audit.Checklist;
import io.headwater.engine.audit.ErasureLocation;
import io.headwater.engine.audit.ErasureSubject;
import io.headwater.engine.audit.ErasureTrace;
import io.headwater.engine.audit.Evidence;
import io.headwater.engine.audit.ItemAnswer;
import io.headwater.engine.audit.Probe;
import io.headwater.engine.audit.ProbeRun;
import io.headwater.engine.audit.report.ReportFormat;
import io.headwater.engine.audit.report.ReportVerifier;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.spi.Cancellation;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code headwater audit}: privacy and retention audits of a running pipeline. {@code run} answers a
 * checklist with live evidence and writes sealed reports (exit 1 when an item fails);
 * {@code erase-check} traces one data subject (exit 1 when anything still holds it);
 * {@code verify-report} checks a report's seal (exit 1 when changed); {@code list} and
 * {@code compare} reopen earlier audits. Exit 2 for bad usage or a bad checklist (file:line: key
 * message), 3 when a system is unreachable.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Privacy and retention audits with live evidence, erasure traces and sealed reports.",
        subcommands = {AuditCommand.Run.class, AuditCommand.EraseCheck.class, AuditCommand.VerifyReport.class, AuditCommand.ListAudits.class,
            AuditCommand.Compare.class})
public final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    private static void awaitCatchUp(LivePipeline rt, PrintWriter err) {
        err.println("letting derived stores catch up with the log before the audit");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!rt.caughtUp() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** {@code audit run}. */
    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run every probe of a checklist and write a sealed report; exit 1 if any item fails.")
    static final class Run implements Callable<Integer> {
        @Mixin
        CommonOptions common = new CommonOptions();

        @Option(names = "--checklist", required = true, paramLabel = "privacy|retention|PATH", description = "A built-in checklist or a checklist YAML file.")
        String checklist;

        @Option(names = "--reviewer", defaultValue = "${sys:user.name}", paramLabel = "NAME", description = "Who answers the checklist (default: your user name).")
        String reviewer;

        @Option(names = "--report", paramLabel = "FILE", description = "Write a sealed report: FILE.html, FILE.md or FILE.json (repeatable).")
        List<Path> reports = new ArrayList<>();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Pipeline pipeline = PipelineOptions.load(common);
            for (Path r : reports) {
                if (ReportFormat.forFile(r).isEmpty()) {
                    throw new ParameterException(spec.commandLine(), "--report '" + r + "': the file name must end in .html, .md or .json");
                }
            }
            Checklist list = Audits.checklists().resolve(checklist);
            return OnPipeline.run(spec, pipeline, "headwater audit run", rt -> awaitCatchUp(rt, spec.commandLine().getErr()), rt -> audit(rt, list));
        }

        private int audit(LivePipeline rt, Checklist list) {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Audits audits = Audits.open(rt.pipeline());
            long t0 = System.nanoTime();
            AuditSession session = audits.run(rt, list, reviewer, new Cancellation(), new AuditRunner.Listener() {
                @Override
                public void probeStarted(Probe probe, int index, int total) {
                    err.printf("[%d/%d] %s: %s%n", index + 1, total, probe.id(), probe.title());
                    err.flush();
                }
            });
            Duration auditTime = Duration.ofNanos(System.nanoTime() - t0);
            printItems(out, session);
            printTimes(out, session, auditTime);
            for (Path r : reports) {
                Audits.WrittenReport w = audits.writeReport(session, r);
                out.printf("report %s (%s, %,d bytes), seal root %s%n", w.file().toAbsolutePath(), w.format().name().toLowerCase(Locale.ROOT), w.bytes(), w.root());
            }
            out.printf("audit #%d: %d items: %d pass, %d fail, %d need review, %d not applicable%n", session.id(), session.items().size(),
                    session.count(AuditStatus.PASS), session.count(AuditStatus.FAIL), session.count(AuditStatus.NEEDS_REVIEW), session.count(AuditStatus.NOT_APPLICABLE));
            out.flush();
            return session.anyFails() ? ExitCodes.FINDINGS : ExitCodes.OK;
        }

        private static void printItems(PrintWriter out, AuditSession s) {
            out.printf("%s of pipeline %s, reviewer %s (checklist %s)%n", s.title(), s.pipeline(), s.reviewer(), s.source());
            for (ItemAnswer a : s.items()) {
                out.printf("%n%-16s %-14s %s%n", a.id(), a.status().label().toUpperCase(Locale.ROOT), a.item().question());
                for (Evidence e : a.findings()) {
                    out.printf("    ! %-30s %s: %s%n", e.code(), e.subject(), e.summary());
                }
                long facts = a.evidence().size() - a.findings().size();
                if (facts > 0) {
                    out.printf("    (%d more piece(s) of evidence without a finding: see the report)%n", facts);
                }
            }
        }

        private static void printTimes(PrintWriter out, AuditSession s, Duration total) {
            out.printf("%nprobe times:%n");
            for (ProbeRun r : s.probeRuns()) {
                out.printf("  %-16s %8.2f s  %3d evidence%s%n", r.probe(), r.elapsed().toMillis() / 1000.0, r.evidence(), r.error() == null ? "" : "  FAILED: " + r.error());
            }
            Map<String, Map<String, Long>> perStore = new TreeMap<>();
            s.items().stream().flatMap(a -> a.evidence().stream()).distinct().forEach(e -> perStore.computeIfAbsent(store(e.subject()), k -> new TreeMap<>())
                    .merge(e.probe(), e.elapsed().toMillis(), Long::sum));
            out.printf("probe times per store (ms):%n");
            perStore.forEach((store, byProbe) -> out.printf("  %-22s %s%n", store, byProbe));
            out.printf("full audit: %.2f s%n", total.toMillis() / 1000.0);
        }

        /** The system a subject belongs to: {@code pg} for {@code pg.customers.email}, {@code search} for {@code search (files)}. */
        private static String store(String subject) {
            int cut = subject.length();
            for (char c : new char[] {'.', ' ', '('}) {
                int i = subject.indexOf(c);
                cut = i > 0 ? Math.min(cut, i) : cut;
            }
            return subject.substring(0, cut);
        }
    }

    /** {@code audit erase-check}. */
    @Command(name = "erase-check", mixinStandardHelpOptions = true,
            description = "Trace one data subject through the lineage into every derived store and the log; exit 1 if anything still holds it.")
    static final class EraseCheck implements Callable<Integer> {
        @Mixin
        CommonOptions common = new CommonOptions();

        @Option(names = "--subject", required = true, paramLabel = "DATASET:KEY", description = "The data subject: customers:42, pg.customers:42 or customers:id=42.")
        String subject;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Pipeline pipeline = PipelineOptions.load(common);
            ErasureSubject parsed;
            try {
                parsed = ErasureSubject.parse(pipeline, subject);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--subject: " + e.getMessage(), e, null, subject);
            }
            return OnPipeline.run(spec, pipeline, "headwater audit erase-check", rt -> awaitCatchUp(rt, spec.commandLine().getErr()), rt -> {
                ErasureTrace trace = Audits.open(rt.pipeline()).eraseCheck(rt, parsed);
                print(spec.commandLine().getOut(), trace);
                return trace.stillHeld() ? ExitCodes.FINDINGS : ExitCodes.OK;
            });
        }

        private static void print(PrintWriter out, ErasureTrace t) {
            out.printf("erasure trace of %s (%s in %s): %s%n", t.subject().text(), t.subject().key().asMap(), t.subject().dataset().ref(),
                    t.deleted() ? "deleted from the system of record" : "STILL IN the system of record");
            out.printf("  %-44s %-22s %-12s %8s%n", "PLACE", "KIND", "LINKED BY", "RECORDS");
            for (ErasureLocation l : t.locations()) {
                out.printf("%s %-44s %-22s %-12s %8d%n", l.holds() ? "!" : " ", l.place(), l.kind().label().length() > 22 ? "store files (residue)" : l.kind().label(),
                        l.how(), l.records());
                l.details().forEach(d -> out.printf("      %s%n", d));
            }
            out.printf("%s: %d of %d places still hold the subject (%.2f s)%n", t.stillHeld() ? "NOT ERASED" : "ERASED", t.holding().size(),
                    t.locations().size(), t.elapsed().toMillis() / 1000.0);
            out.flush();
        }
    }

    /** {@code audit verify-report}. */
    @Command(name = "verify-report", mixinStandardHelpOptions = true, description = "Check a sealed report; names the section that changed. Exit 1 if changed.")
    static final class VerifyReport implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "A report written by audit run (.html, .md or .json).")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(file)) {
                throw new ParameterException(spec.commandLine(), "FILE '" + file + "' does not exist or is not a file");
            }
            ReportVerifier.Result r = Audits.verifyReport(file);
            PrintWriter out = spec.commandLine().getOut();
            if (r.intact()) {
                out.printf("INTACT: %s (%s report, %d sealed sections), seal root %s%n", file, r.format().name().toLowerCase(Locale.ROOT), r.items(), r.root());
                out.flush();
                return ExitCodes.OK;
            }
            out.printf("CHANGED: %s: section %s: %s%n", file, r.section(), r.reason());
            if (r.root() != null) {
                out.printf("  the seal root printed in the report is %s%n", r.root());
            }
            out.flush();
            return ExitCodes.FINDINGS;
        }
    }

    /** {@code audit list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the audits stored in the workbench database, newest first.")
    static final class ListAudits implements Callable<Integer> {
        @Mixin
        CommonOptions common = new CommonOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Pipeline pipeline = PipelineOptions.load(common);
            PrintWriter out = spec.commandLine().getOut();
            List<AuditStore.Summary> all = Audits.open(pipeline).list();
            out.printf("%5s  %-20s  %-10s  %-16s  %4s %4s %6s %4s  %s%n", "ID", "STARTED", "CHECKLIST", "REVIEWER", "PASS", "FAIL", "REVIEW", "N/A", "SEAL ROOT");
            for (AuditStore.Summary s : all) {
                out.printf("%5d  %-20s  %-10s  %-16s  %4d %4d %6d %4d  %s%n", s.id(), s.started().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), s.checklist(),
                        s.reviewer(), s.pass(), s.fail(), s.review(), s.notApplicable(), s.sealRoot() == null ? "-" : s.sealRoot());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code audit compare}. */
    @Command(name = "compare", mixinStandardHelpOptions = true, description = "Compare two stored audits: status changes, new and resolved findings.")
    static final class Compare implements Callable<Integer> {
        @Mixin
        CommonOptions common = new CommonOptions();

        @Parameters(index = "0", paramLabel = "EARLIER", description = "The earlier audit's id.")
        long earlier;

        @Parameters(index = "1", paramLabel = "LATER", description = "The later audit's id.")
        long later;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Pipeline pipeline = PipelineOptions.load(common);
            AuditComparison c = Audits.open(pipeline).compare(earlier, later);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("audit #%d (%s) -> #%d (%s)%n", earlier, c.earlier().started(), later, c.later().started());
            for (AuditComparison.ItemChange ch : c.changes()) {
                out.printf("%s %-16s %-14s -> %-14s%n", ch.changed() ? "*" : " ", ch.itemId(), ch.before() == null ? "-" : ch.before().label(),
                        ch.after() == null ? "-" : ch.after().label());
                ch.newFindings().forEach(f -> out.printf("      + %s%n", f));
                ch.resolvedFindings().forEach(f -> out.printf("      - %s%n", f));
            }
            out.printf("%d of %d items changed%n", c.changed().size(), c.changes().size());
            out.flush();
            return ExitCodes.OK;
        }
    }
}
