package io.headwater.views.audit;

import io.headwater.engine.lineage.FieldPath;
import io.headwater.engine.lineage.LineageGraph;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldRef;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Role;
import io.headwater.views.common.WorkbenchState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The personal data of a pipeline as a graph highlight: every field with a declared {@code pii:}
 * tag, and the lineage paths from each system-of-record PII field into the fields it reaches.
 */
final class PiiHighlight {
    private PiiHighlight() {
    }

    static WorkbenchState.Highlight of(Pipeline pipeline) {
        LineageGraph lineage = new LineageGraph(pipeline);
        Set<FieldRef> fields = new LinkedHashSet<>();
        List<FieldPath> paths = new ArrayList<>();
        pipeline.systems().forEach(system -> {
            for (Dataset d : system.datasets()) {
                for (Field f : d.fields()) {
                    if (f.piiCategories().isEmpty()) {
                        continue;
                    }
                    FieldRef ref = new FieldRef(d.ref(), f.name());
                    fields.add(ref);
                    if (system.role() == Role.RECORD) {
                        for (FieldPath path : lineage.impact(ref)) {
                            paths.add(path);
                            fields.add(path.target());
                        }
                    }
                }
            }
        });
        return new WorkbenchState.Highlight(null, List.copyOf(fields), paths);
    }
}
