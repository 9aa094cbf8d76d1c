package io.headwater.engine.audit.report;

import io.headwater.engine.audit.AuditSession;
import io.headwater.engine.audit.Evidence;
import io.headwater.engine.audit.ItemAnswer;
import io.headwater.engine.audit.ProbeRun;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a report as JSON: a header object, then one item per line in {@code items}, then the seal
 * as an array of lines. Valid JSON; the layout is fixed so that each item is one sealed section.
 */
final class JsonReport {
    private JsonReport() {
    }

    static List<ReportSection> sections(AuditReport report) {
        AuditSession s = report.session();
        List<ReportSection> out = new ArrayList<>();
        out.add(new ReportSection("header", header(report)));
        for (int i = 0; i < s.items().size(); i++) {
            ItemAnswer a = s.items().get(i);
            out.add(new ReportSection("item:" + a.id(), item(a) + (i + 1 < s.items().size() ? ",\n" : "\n")));
        }
        return out;
    }

    private static String header(AuditReport report) {
        AuditSession s = report.session();
        String probes = s.probeRuns().stream().map(JsonReport::probe).collect(Collectors.joining(",", "[", "]"));
        String flows = report.piiFlows().stream().map(e -> "{\"flow\":" + JsonText.quote(e.flow()) + ",\"from\":" + JsonText.quote(e.from().toString())
                + ",\"to\":" + JsonText.quote(e.to().toString()) + ",\"fields\":" + strings(e.fields()) + "}").collect(Collectors.joining(",", "[", "]"));
        return "{\n\"format\": \"headwater-audit-report/1\",\n\"header\": {\"title\":" + JsonText.quote(s.title()) + ",\"checklist\":" + JsonText.quote(s.checklist())
                + ",\"source\":" + JsonText.quote(s.source()) + ",\"pipeline\":" + JsonText.quote(s.pipeline()) + ",\"reviewer\":" + JsonText.quote(s.reviewer())
                + ",\"audit\":" + s.id() + ",\"started\":" + JsonText.quote(s.started().toString()) + ",\"finished\":" + JsonText.quote(s.finished().toString())
                + ",\"generated\":" + JsonText.quote(report.generated().toString()) + ",\"probes\":" + probes + ",\"piiFlows\":" + flows + "},\n\"items\": [\n";
    }

    private static String probe(ProbeRun r) {
        return "{\"probe\":" + JsonText.quote(r.probe()) + ",\"title\":" + JsonText.quote(r.title()) + ",\"started\":" + JsonText.quote(r.started().toString())
                + ",\"millis\":" + r.elapsed().toMillis() + ",\"evidence\":" + r.evidence() + ",\"error\":" + JsonText.quote(r.error()) + "}";
    }

    private static String item(ItemAnswer a) {
        String evidence = a.evidence().stream().map(JsonReport::evidence).collect(Collectors.joining(",", "[", "]"));
        return "{\"section\":" + JsonText.quote("item:" + a.id()) + ",\"id\":" + JsonText.quote(a.id()) + ",\"question\":" + JsonText.quote(a.item().question()) + ",\"guidance\":" + JsonText.quote(a.item().guidance())
                + ",\"probes\":" + strings(a.item().probes()) + ",\"suggested\":" + JsonText.quote(a.suggested().configName()) + ",\"status\":"
                + JsonText.quote(a.status().configName()) + ",\"notes\":" + JsonText.quote(a.notes()) + ",\"evidence\":" + evidence + "}";
    }

    private static String evidence(Evidence e) {
        return "{\"probe\":" + JsonText.quote(e.probe()) + ",\"subject\":" + JsonText.quote(e.subject()) + ",\"kind\":"
                + JsonText.quote(e.kind().name().toLowerCase(java.util.Locale.ROOT)) + ",\"code\":" + JsonText.quote(e.code()) + ",\"summary\":"
                + JsonText.quote(e.summary()) + ",\"details\":" + strings(e.details()) + ",\"counts\":" + ReportText.countsJson(e.counts())
                + ",\"gatheredAt\":" + JsonText.quote(e.gatheredAt().toString()) + ",\"millis\":" + e.elapsed().toMillis() + "}";
    }

    private static String strings(List<String> list) {
        return list.stream().map(JsonText::quote).collect(Collectors.joining(",", "[", "]"));
    }
}
