package io.headwater.engine.audit.report;

import io.headwater.engine.lineage.FieldHop;
import io.headwater.engine.lineage.FieldPath;
import io.headwater.engine.lineage.LineageGraph;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldRef;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The flows of personal data through a pipeline: every hop of every PII field of a system of record, grouped per flow. */
public final class PiiFlows {
    private PiiFlows() {
    }

    /** The PII edges of {@code pipeline}, following the lineage from each declared PII field of its systems of record. */
    public static List<PiiEdge> of(Pipeline pipeline) {
        LineageGraph lineage = new LineageGraph(pipeline);
        Map<String, Set<String>> fieldsByFlow = new LinkedHashMap<>();
        Map<String, FieldHop> anyHop = new LinkedHashMap<>();
        for (Dataset d : pipeline.systems().stream().filter(s -> s.role() == Role.RECORD).flatMap(s -> s.datasets().stream()).toList()) {
            for (Field f : d.fields()) {
                if (f.piiCategories().isEmpty()) {
                    continue;
                }
                String category = String.join(",", f.piiCategories());
                for (FieldPath path : lineage.impact(new FieldRef(d.ref(), f.name()))) {
                    FieldHop last = path.hops().get(path.hops().size() - 1);
                    String key = last.flow().id();
                    anyHop.putIfAbsent(key, last);
                    fieldsByFlow.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(last.to().field() + " (" + category + ")");
                }
            }
        }
        List<PiiEdge> out = new ArrayList<>();
        fieldsByFlow.forEach((flow, fields) -> {
            FieldHop hop = anyHop.get(flow);
            out.add(new PiiEdge(hop.flow().from(), hop.flow().to(), flow, List.copyOf(fields)));
        });
        return out;
    }
}
