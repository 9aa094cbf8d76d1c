package io.headwater.engine.audit.report;

import io.headwater.engine.audit.AuditSession;
import io.headwater.engine.audit.AuditStatus;
import io.headwater.engine.audit.Evidence;
import io.headwater.engine.audit.ItemAnswer;
import io.headwater.engine.audit.ProbeRun;
import java.util.ArrayList;
import java.util.List;

/** Renders a report as Markdown (GitHub flavour): tables for the summary, probes and evidence. */
final class MarkdownReport {
    private MarkdownReport() {
    }

    static List<ReportSection> sections(AuditReport report) {
        List<ReportSection> out = new ArrayList<>();
        out.add(new ReportSection("header", header(report)));
        for (ItemAnswer a : report.session().items()) {
            out.add(new ReportSection("item:" + a.id(), item(a)));
        }
        return out;
    }

    private static String header(AuditReport report) {
        AuditSession s = report.session();
        StringBuilder b = new StringBuilder("# ").append(text(s.title())).append("\n\n");
        b.append("- Pipeline: **").append(text(s.pipeline())).append("**\n- Checklist: **").append(text(s.checklist())).append("** (")
                .append(text(s.source())).append(")\n- Reviewer: **").append(text(s.reviewer())).append("**\n- Evidence gathered: ")
                .append(ReportText.instant(s.started())).append(" – ").append(ReportText.instant(s.finished())).append(" (")
                .append(ReportText.millis(s.elapsed())).append(")\n- Report generated: ").append(ReportText.instant(report.generated()))
                .append(s.id() > 0 ? "\n- Audit: #" + s.id() : "").append("\n\n## Summary\n\n| Item | Question | Suggested | Status | Findings |\n|---|---|---|---|---:|\n");
        for (ItemAnswer a : s.items()) {
            b.append("| ").append(text(a.id())).append(" | ").append(text(a.item().question())).append(" | ").append(a.suggested().label())
                    .append(" | **").append(a.status().label()).append("** | ").append(a.findings().size()).append(" |\n");
        }
        b.append("\n").append(s.count(AuditStatus.PASS)).append(" pass · ").append(s.count(AuditStatus.FAIL)).append(" fail · ")
                .append(s.count(AuditStatus.NEEDS_REVIEW)).append(" need review · ").append(s.count(AuditStatus.NOT_APPLICABLE)).append(" not applicable\n\n");
        b.append("## Personal data flows\n\n| Flow | From | To | PII fields |\n|---|---|---|---|\n");
        for (PiiEdge e : report.piiFlows()) {
            b.append("| ").append(text(e.flow())).append(" | ").append(e.from()).append(" | ").append(e.to()).append(" | ")
                    .append(text(String.join(", ", e.fields()))).append(" |\n");
        }
        b.append("\n## Probes\n\n| Probe | What it checks | Time | Evidence |\n|---|---|---:|---:|\n");
        for (ProbeRun r : s.probeRuns()) {
            b.append("| ").append(text(r.probe())).append(" | ").append(text(r.title())).append(r.error() == null ? "" : " (failed: " + text(r.error()) + ")")
                    .append(" | ").append(ReportText.millis(r.elapsed())).append(" | ").append(r.evidence()).append(" |\n");
        }
        return b.append("\n## Items\n\n").toString();
    }

    private static String item(ItemAnswer a) {
        StringBuilder b = new StringBuilder("<a id=\"item-").append(text(a.id())).append("\"></a>\n\n### ").append(text(a.id())).append(": ").append(text(a.item().question())).append("\n\n")
                .append("Status: **").append(a.status().label()).append("** (suggested: ").append(a.suggested().label()).append(")\n\n");
        if (!a.item().guidance().isEmpty()) {
            b.append("> ").append(text(a.item().guidance())).append("\n\n");
        }
        if (!a.notes().isEmpty()) {
            b.append("Notes: ").append(text(a.notes())).append("\n\n");
        }
        if (a.evidence().isEmpty()) {
            return b.append("No evidence: no probe of this item found anything to check.\n\n").toString();
        }
        b.append("| Kind | Subject | Evidence | Gathered | Time |\n|---|---|---|---|---:|\n");
        for (Evidence e : a.evidence()) {
            StringBuilder cell = new StringBuilder(text(e.summary()));
            if (!e.counts().isEmpty()) {
                cell.append("<br>").append(text(ReportText.counts(e)));
            }
            e.details().forEach(d -> cell.append("<br>• ").append(text(d)));
            b.append("| ").append(e.kind().name().toLowerCase(java.util.Locale.ROOT)).append(" `").append(text(e.code())).append("` | ")
                    .append(text(e.subject())).append(" | ").append(cell).append(" | ").append(ReportText.instant(e.gatheredAt())).append(" | ")
                    .append(ReportText.millis(e.elapsed())).append(" |\n");
        }
        return b.append('\n').toString();
    }

    /** Text safe inside a table cell: no raw HTML, no pipes, no line breaks. */
    static String text(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|").replace("`", "'").replace("\r", " ").replace("\n", " ");
    }
}
