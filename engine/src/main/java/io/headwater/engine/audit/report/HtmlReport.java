package io.headwater.engine.audit.report;

import io.headwater.engine.audit.AuditSession;
import io.headwater.engine.audit.AuditStatus;
import io.headwater.engine.audit.Evidence;
import io.headwater.engine.audit.ItemAnswer;
import io.headwater.engine.audit.ProbeRun;
import java.util.ArrayList;
import java.util.List;

/** Renders a report as one self-contained, printable HTML page (inline CSS and SVG, no script). */
final class HtmlReport {
    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;margin:0;background:#f6f8fa}
            main{max-width:1040px;margin:0 auto;padding:24px 32px;background:#fff}
            h1{font-size:1.7em;margin:0 0 4px}h2{font-size:1.25em;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
            .meta{color:#57606a;margin:0 0 16px}.meta b{color:#1f2328}
            table{border-collapse:collapse;width:100%;font-size:.9em;margin:8px 0}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f6f8fa}.num{text-align:right;font-variant-numeric:tabular-nums}
            .status{display:inline-block;padding:1px 10px;border-radius:10px;font-weight:600;font-size:.85em}
            .pass{background:#dafbe1;color:#116329}.fail{background:#ffebe9;color:#a40e26}.needs-review{background:#fff8c5;color:#7d4e00}
            .not-applicable{background:#eaeef2;color:#57606a}
            .item{border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;margin:16px 0;page-break-inside:avoid}
            .item h3{margin:0 0 6px;font-size:1.05em}.guidance{color:#57606a;font-size:.9em;margin:4px 0 8px}
            .notes{background:#f6f8fa;border-left:3px solid #8c959f;padding:4px 8px;margin:6px 0}
            .kind{font-size:.8em;font-weight:600}.finding{color:#a40e26}.fact{color:#116329}.unavailable{color:#7d4e00}
            ul.details{margin:2px 0 0 16px;padding:0;font-size:.9em;color:#424a53}
            svg.lineage{max-width:100%;height:auto;border:1px solid #d0d7de;border-radius:6px;background:#fff}
            pre{background:#f6f8fa;padding:8px;overflow-x:auto;font-size:.8em}code.root{word-break:break-all}
            @media print{body{background:#fff}main{padding:0}.item{border-color:#999}}
            """;

    private HtmlReport() {
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
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(s.title() + " — " + s.pipeline())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        b.append("<h1>").append(escape(s.title())).append("</h1>\n<p class=\"meta\">Pipeline <b>").append(escape(s.pipeline()))
                .append("</b> · checklist <b>").append(escape(s.checklist())).append("</b> (").append(escape(s.source())).append(") · reviewer <b>")
                .append(escape(s.reviewer())).append("</b><br>Evidence gathered ").append(ReportText.instant(s.started())).append(" – ")
                .append(ReportText.instant(s.finished())).append(" (").append(ReportText.millis(s.elapsed())).append(") · report generated ")
                .append(ReportText.instant(report.generated())).append(s.id() > 0 ? " · audit #" + s.id() : "").append("</p>\n");
        b.append("<h2>Summary</h2>\n<table><tr><th>Item</th><th>Question</th><th>Suggested</th><th>Status</th><th class=\"num\">Findings</th></tr>\n");
        for (ItemAnswer a : s.items()) {
            b.append("<tr><td><a href=\"#item-").append(escape(a.id())).append("\">").append(escape(a.id())).append("</a></td><td>")
                    .append(escape(a.item().question())).append("</td><td>").append(badge(a.suggested())).append("</td><td>").append(badge(a.status()))
                    .append("</td><td class=\"num\">").append(a.findings().size()).append("</td></tr>\n");
        }
        b.append("</table>\n<p>").append(s.count(AuditStatus.PASS)).append(" pass · ").append(s.count(AuditStatus.FAIL)).append(" fail · ")
                .append(s.count(AuditStatus.NEEDS_REVIEW)).append(" need review · ").append(s.count(AuditStatus.NOT_APPLICABLE)).append(" not applicable</p>\n");
        b.append("<h2>Personal data flows</h2>\n").append(LineagePicture.svg(report.piiFlows())).append('\n');
        b.append("<table><tr><th>Flow</th><th>From</th><th>To</th><th>PII fields</th></tr>\n");
        for (PiiEdge e : report.piiFlows()) {
            b.append("<tr><td>").append(escape(e.flow())).append("</td><td>").append(escape(e.from().toString())).append("</td><td>")
                    .append(escape(e.to().toString())).append("</td><td>").append(escape(String.join(", ", e.fields()))).append("</td></tr>\n");
        }
        b.append("</table>\n<h2>Probes</h2>\n<table><tr><th>Probe</th><th>What it checks</th><th>Started</th><th class=\"num\">Time</th><th class=\"num\">Evidence</th></tr>\n");
        for (ProbeRun r : s.probeRuns()) {
            b.append("<tr><td>").append(escape(r.probe())).append("</td><td>").append(escape(r.title())).append(r.error() == null ? "" : " <span class=\"unavailable\">(failed: "
                    + escape(r.error()) + ")</span>").append("</td><td>").append(ReportText.instant(r.started())).append("</td><td class=\"num\">")
                    .append(ReportText.millis(r.elapsed())).append("</td><td class=\"num\">").append(r.evidence()).append("</td></tr>\n");
        }
        return b.append("</table>\n<h2>Items</h2>\n").toString();
    }

    private static String item(ItemAnswer a) {
        StringBuilder b = new StringBuilder("<section class=\"item\" id=\"item-").append(escape(a.id())).append("\">\n<h3>").append(escape(a.id()))
                .append(": ").append(escape(a.item().question())).append("</h3>\n<p>Status ").append(badge(a.status())).append(" (suggested ")
                .append(badge(a.suggested())).append(")</p>\n");
        if (!a.item().guidance().isEmpty()) {
            b.append("<p class=\"guidance\">").append(escape(a.item().guidance())).append("</p>\n");
        }
        if (!a.notes().isEmpty()) {
            b.append("<p class=\"notes\">").append(escape(a.notes())).append("</p>\n");
        }
        if (a.evidence().isEmpty()) {
            b.append("<p>No evidence: no probe of this item found anything to check.</p>\n");
        } else {
            b.append("<table><tr><th>Kind</th><th>Subject</th><th>Evidence</th><th>Gathered</th><th class=\"num\">Time</th></tr>\n");
            for (Evidence e : a.evidence()) {
                String kind = e.kind().name().toLowerCase(java.util.Locale.ROOT);
                b.append("<tr><td class=\"kind ").append(kind).append("\">").append(kind).append("<br>").append(escape(e.code())).append("</td><td>")
                        .append(escape(e.subject())).append("</td><td>").append(escape(e.summary()));
                if (!e.counts().isEmpty()) {
                    b.append("<br><small>").append(escape(ReportText.counts(e))).append("</small>");
                }
                if (!e.details().isEmpty()) {
                    b.append("<ul class=\"details\">");
                    e.details().forEach(d -> b.append("<li>").append(escape(d)).append("</li>"));
                    b.append("</ul>");
                }
                b.append("</td><td>").append(ReportText.instant(e.gatheredAt())).append("</td><td class=\"num\">").append(ReportText.millis(e.elapsed()))
                        .append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        return b.append("</section>\n").toString();
    }

    private static String badge(AuditStatus s) {
        return "<span class=\"status " + s.configName() + "\">" + s.label() + "</span>";
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
