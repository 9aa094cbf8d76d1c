package io.headwater.connectors.audit;

import io.headwater.engine.audit.Evidence;
import io.headwater.engine.audit.Probe;
import io.headwater.engine.audit.ProbeContext;
import io.headwater.engine.lineage.FieldPath;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldRef;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Minimisation, from the lineage: every declared personal field of a system of record, followed
 * into the log and the derived stores. A personal field captured into a log topic that no consume
 * flow reads is kept for nothing ({@code pii-unused-in-log}); each copy into a derived store needs
 * a purpose ({@code pii-copied}).
 */
public final class MinimisationProbe implements Probe {
    public static final String ID = "minimisation";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Personal fields followed through the lineage: copies into derived stores, captured fields no consumer uses";
    }

    @Override
    public List<Evidence> gather(ProbeContext context) {
        List<Evidence> out = new ArrayList<>();
        for (SystemSpec s : context.pipeline().systems()) {
            if (s.role() != Role.RECORD) {
                continue;
            }
            for (Dataset d : s.datasets()) {
                for (Field f : d.fields()) {
                    if (!f.piiCategories().isEmpty()) {
                        out.addAll(follow(new FieldRef(d.ref(), f.name()), f, context));
                    }
                }
            }
        }
        return out;
    }

    private List<Evidence> follow(FieldRef field, Field f, ProbeContext context) {
        List<Evidence> out = new ArrayList<>();
        List<FieldPath> impact = context.lineage().impact(field);
        String category = String.join(",", f.piiCategories());
        for (FieldPath p : impact) {
            SystemSpec target = context.pipeline().systemOf(p.target().dataset());
            if (target.role() == Role.LOG) {
                boolean consumed = impact.stream().anyMatch(q -> q.hops().stream().anyMatch(h -> h.from().equals(p.target()) && h.flow().kind() == FlowKind.CONSUME));
                if (!consumed) {
                    out.add(Evidence.of(ID, p.target().toString(), context.clock()).detail(p.render())
                            .detail("exclude it from change capture (Debezium column.exclude.list) or declare the consumer that needs it")
                            .finding("pii-unused-in-log", "pii:" + category + " " + field + " is captured into " + p.target() + " but no consume flow reads it"));
                }
            } else if (target.role() == Role.DERIVED) {
                out.add(Evidence.of(ID, p.target().toString(), context.clock()).detail(p.render())
                        .finding("pii-copied", "pii:" + category + " " + field + " is copied into derived store " + target.id() + " ("
                                + target.kind().configName() + ")" + (p.hops().get(p.hops().size() - 1).isPlainCopy() ? " unchanged" : " as "
                                + p.hops().get(p.hops().size() - 1).expression())));
            }
        }
        if (impact.isEmpty()) {
            out.add(Evidence.of(ID, field.toString(), context.clock()).fact("pii-not-copied", "pii:" + category + " stays in the system of record"));
        }
        return out;
    }
}
