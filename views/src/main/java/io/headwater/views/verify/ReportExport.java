package io.headwater.views.verify;

import io.headwater.engine.integrity.Finding;
import io.headwater.engine.integrity.VerificationResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the session's verification results as a report: JSON for tools, Markdown for people.
 * Pure text; the caller writes the file.
 */
final class ReportExport {
    private ReportExport() {
    }

    /** The format a file name asks for: Markdown for {@code .md}, JSON otherwise. */
    static boolean isMarkdown(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".md") || n.endsWith(".markdown");
    }

    static String markdown(String pipeline, List<FlowResult> results) {
        StringBuilder sb = new StringBuilder("# Verification report — ").append(pipeline).append("\n\n");
        sb.append("| flow | source | derived | compared | missing | extra | mismatched | in flight | time | verdict |\n");
        sb.append("|---|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (FlowResult r : results) {
            VerificationResult v = r.result();
            sb.append(String.format("| %s | %s | %s | %,d | %,d | %,d | %,d | %,d | %s | %s |%n", r.flowId(), cell(v.source()), cell(v.target()),
                    r.compared(), r.missing(), r.extra(), r.mismatched(), r.inFlight(), r.timeText(), r.verdict()));
        }
        for (FlowResult r : results) {
            if (r.findings().isEmpty()) {
                continue;
            }
            sb.append("\n## ").append(r.flowId()).append(" — findings\n\n");
            for (Finding f : r.findings()) {
                sb.append("- **").append(f.type()).append("** key `").append(FieldComparison.keyText(f.key())).append('`');
                if (!f.differingFields().isEmpty()) {
                    sb.append(" — differing: ");
                    List<String> diffs = FieldComparison.of(f).stream().filter(FieldComparison::differs)
                            .map(c -> c.field() + " `" + c.sourceValue() + "` → `" + c.targetValue() + "`").toList();
                    sb.append(String.join(", ", diffs));
                }
                if (f.note() != null) {
                    sb.append(" (").append(f.note()).append(')');
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|");
    }

    static String json(String pipeline, List<FlowResult> results) {
        StringBuilder sb = new StringBuilder("{\n  \"pipeline\": ").append(str(pipeline)).append(",\n  \"flows\": [");
        for (int i = 0; i < results.size(); i++) {
            FlowResult r = results.get(i);
            VerificationResult v = r.result();
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"flow\": ").append(str(r.flowId()))
                    .append(", \"finishedAt\": ").append(str(String.valueOf(r.finishedAt())))
                    .append(", \"source\": ").append(str(v.source())).append(", \"target\": ").append(str(v.target()))
                    .append(", \"algorithm\": ").append(str(String.valueOf(v.algorithm())))
                    .append(", \"sourceCount\": ").append(v.sourceCount()).append(", \"targetCount\": ").append(v.targetCount())
                    .append(", \"compared\": ").append(r.compared()).append(", \"missing\": ").append(r.missing())
                    .append(", \"extra\": ").append(r.extra()).append(", \"mismatched\": ").append(r.mismatched())
                    .append(", \"inFlight\": ").append(r.inFlight()).append(", \"clean\": ").append(r.clean())
                    .append(", \"millis\": ").append(v.elapsed().toMillis()).append(", \"findings\": [");
            for (int j = 0; j < r.findings().size(); j++) {
                Finding f = r.findings().get(j);
                sb.append(j == 0 ? "\n" : ",\n").append("      {\"type\": ").append(str(f.type().name()))
                        .append(", \"key\": ").append(object(f.key() == null ? null : f.key().asMap()))
                        .append(", \"differingFields\": ").append(array(f.differingFields()))
                        .append(", \"source\": ").append(object(f.sourceValues() == null ? null : f.sourceValues().asMap()))
                        .append(", \"target\": ").append(object(f.targetValues() == null ? null : f.targetValues().asMap()))
                        .append(", \"note\": ").append(f.note() == null ? "null" : str(f.note())).append('}');
            }
            sb.append(r.findings().isEmpty() ? "]}" : "\n    ]}");
        }
        return sb.append(results.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
    }

    private static String object(Map<String, Object> m) {
        if (m == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("{");
        m.forEach((k, v) -> sb.append(sb.length() == 1 ? "" : ", ").append(str(k)).append(": ").append(value(v)));
        return sb.append('}').toString();
    }

    private static String array(List<String> items) {
        return "[" + String.join(", ", items.stream().map(ReportExport::str).toList()) + "]";
    }

    private static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short) {
            return v.toString();
        }
        return str(FieldComparison.valueText(v));
    }

    /** A JSON string literal. */
    static String str(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }
}
