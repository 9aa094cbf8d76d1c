package io.headwater.views.graph;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldTag;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.status.DatasetStatus;
import io.headwater.engine.status.SystemStatus;
import java.util.stream.Collectors;

/** The texts drawn in graph nodes: short, with the live size and lag where known. */
public final class GraphLabels {
    private GraphLabels() {
    }

    static String system(SystemSpec s, SystemStatus status) {
        String how = s.hosted() ? "" : s.mayWrite() ? "attached, writable, " : "attached, ";
        // The role only where it is not the kind's usual one: a derived PostgreSQL must not read as the system of record.
        String role = s.role() == SystemIcons.usualRole(s.kind()) ? "" : s.role().configName() + ", ";
        String text = s.id() + "  (" + s.kind().configName() + ", " + role + how + s.datasets().size() + (s.datasets().size() == 1 ? " dataset)" : " datasets)");
        return status != null && !status.reachable() ? text + "  — down" : text;
    }

    static String dataset(Dataset d, DatasetStatus status) {
        StringBuilder text = new StringBuilder(d.ref().dataset());
        if (status != null && status.size() >= 0) {
            text.append("  ").append(count(status.size()));
        }
        if (status != null && status.lag() >= 0) {
            text.append(status.lag() == 0 ? "  · caught up" : "  · lag " + count(status.lag()));
        }
        return text.toString();
    }

    static String field(Field f) {
        String tags = f.tags().stream().map(FieldTag::toString).collect(Collectors.joining(", "));
        return tags.isEmpty() ? f.name() : f.name() + "  [" + tags + "]";
    }

    /** A count as people read it: 987, 12.3k, 4.5M. */
    public static String count(long n) {
        if (n < 10_000) {
            return String.format("%,d", n);
        }
        if (n < 1_000_000) {
            return String.format("%.1fk", n / 1e3);
        }
        return String.format("%.1fM", n / 1e6);
    }
}
