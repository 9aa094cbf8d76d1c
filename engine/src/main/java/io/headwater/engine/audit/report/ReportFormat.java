package io.headwater.engine.audit.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The formats a report is written in. Each renders the report as sections and closes it with a seal
 * block that starts with a newline and its {@link #marker()}: the seal block is
 * entirely determined by the section list and root, so that no byte of a report is left unsealed.
 */
public enum ReportFormat {
    HTML(".html", "<!-- headwater-seal -->"), MARKDOWN(".md", "<!-- headwater-seal -->"), JSON(".json", "],\n\"seal\": [");

    private final String extension;
    private final String marker;

    ReportFormat(String extension, String marker) {
        this.extension = extension;
        this.marker = marker;
    }

    public String extension() {
        return extension;
    }

    /** What the seal block starts with, at the beginning of a line. */
    public String marker() {
        return marker;
    }

    /** The format a file name asks for: {@code .html}/{@code .htm}, {@code .md}/{@code .markdown} or {@code .json}. */
    public static Optional<ReportFormat> forFile(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".html") || n.endsWith(".htm")) {
            return Optional.of(HTML);
        }
        if (n.endsWith(".md") || n.endsWith(".markdown")) {
            return Optional.of(MARKDOWN);
        }
        return n.endsWith(".json") ? Optional.of(JSON) : Optional.empty();
    }

    /** The sections of the report in this format. */
    public List<ReportSection> sections(AuditReport report) {
        return switch (this) {
            case HTML -> HtmlReport.sections(report);
            case MARKDOWN -> MarkdownReport.sections(report);
            case JSON -> JsonReport.sections(report);
        };
    }

    /** The seal block closing a report in this format. */
    public String sealBlock(List<SealEntry> entries, String root) {
        String lines = ReportSeal.HEADER_LINE + "\n" + String.join("\n", entries.stream().map(SealEntry::line).toList()) + "\nroot " + root;
        return switch (this) {
            case HTML -> "\n" + marker + "\n<section class=\"seal\" id=\"seal\"><h2>Seal</h2>\n<p>This report is sealed by a SHA-256 hash chain over its"
                    + " sections. Root: <code class=\"root\">" + root + "</code>. Check it with <code>headwater audit verify-report FILE</code>.</p>\n<pre>"
                    + lines + "</pre>\n</section>\n</main>\n</body>\n</html>\n";
            case MARKDOWN -> "\n" + marker + "\n## Seal\n\nThis report is sealed by a SHA-256 hash chain over its sections. Root: `" + root
                    + "`. Check it with `headwater audit verify-report FILE`.\n\n```\n" + lines + "\n```\n";
            case JSON -> "\n" + marker + "\n" + String.join(",\n", java.util.Arrays.stream(lines.split("\n")).map(JsonText::quote).toList()) + "\n]\n}\n";
        };
    }

    /** Which format a report's bytes are in, by its seal block; empty when none is found. */
    static Optional<ReportFormat> detect(String latin1) {
        int json = latin1.lastIndexOf("\n" + JSON.marker);
        int comment = latin1.lastIndexOf("\n" + HTML.marker);
        if (json >= 0 && json > comment) {
            return Optional.of(JSON);
        }
        if (comment >= 0) {
            String after = latin1.substring(comment + 1 + HTML.marker.length());
            return Optional.of(after.startsWith("\n## Seal") ? MARKDOWN : HTML);
        }
        return Optional.empty();
    }
}
