package io.headwater.app.cli;

import io.headwater.engine.integrity.Finding;
import io.headwater.engine.integrity.FindingCounts;
import io.headwater.engine.integrity.FindingType;
import io.headwater.engine.integrity.VerificationResult;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/** The listed findings of a verification or diff on a terminal: one line per key, differing fields source against target. */
final class FindingsText {
    private FindingsText() {
    }

    /**
     * Prints every listed finding and how many more there are.
     *
     * @param targetLabel what the target is called in the lines ({@code derived}, {@code target})
     * @param allFields   whether to show the values of every differing field, or only the first
     */
    static void print(PrintWriter out, VerificationResult r, String targetLabel, boolean allFields) {
        for (FindingType type : FindingType.values()) {
            List<Finding> listed = r.findings(type);
            long total = r.counts().of(type);
            for (Finding f : listed) {
                out.printf("    %-10s %s%s%n", name(type), f.key().asMap(),
                        f.differingFields().isEmpty() ? "" : "  fields " + f.differingFields() + values(f, targetLabel, allFields));
            }
            if (total > listed.size()) {
                out.printf("    ... and %,d more %s (see --report)%n", total - listed.size(), type.name().toLowerCase(Locale.ROOT));
            }
        }
        out.flush();
    }

    /** The counts in words: {@code missing 67, extra 67, mismatched 66, in flight 0}, then expired and kept-after-deletion counts when there are any. */
    static String counts(FindingCounts c) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "missing %,d, extra %,d, mismatched %,d, in flight %,d", c.missing(), c.extra(),
                c.mismatched(), c.inFlight()));
        if (c.expired() > 0) {
            b.append(String.format(Locale.ROOT, ", expired by ttl %,d", c.expired()));
        }
        if (c.keptDeleted() > 0) {
            b.append(String.format(Locale.ROOT, ", kept after deletion %,d", c.keptDeleted()));
        }
        return b.toString();
    }

    private static String name(FindingType type) {
        return type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String values(Finding f, String targetLabel, boolean allFields) {
        if (f.sourceValues() == null || f.targetValues() == null || f.differingFields().isEmpty()) {
            return "";
        }
        List<String> fields = allFields ? f.differingFields() : f.differingFields().subList(0, 1);
        StringBuilder sb = new StringBuilder(":");
        for (String field : fields) {
            sb.append(fields.size() > 1 ? " " + field + ":" : "").append(" source ").append(shown(f.sourceValues().get(field)))
                    .append(", ").append(targetLabel).append(' ').append(shown(f.targetValues().get(field))).append(';');
        }
        return sb.substring(0, sb.length() - 1);
    }

    /** A value as a user reads it: text in quotes, shortened; bytes by their length; null as null. */
    static String shown(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof byte[] b) {
            return b.length + " bytes";
        }
        String s = v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v);
        return "'" + (s.length() > 60 ? s.substring(0, 57) + "..." : s) + "'";
    }
}
