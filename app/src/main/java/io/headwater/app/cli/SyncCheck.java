package io.headwater.app.cli;

import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.status.DatasetStatus;
import io.headwater.engine.status.SystemStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A quick count comparison between each system-of-record table and the derived datasets fed from
 * it record for record (aggregations are skipped). Not verification — that compares fingerprints
 * — but enough to tell that the pipeline has caught up.
 */
final class SyncCheck {
    private SyncCheck() {
    }

    /** Differences as {@code search.customers has 118 records, pg.customers 120}; empty when in sync. */
    static List<String> differences(Pipeline pipeline, List<SystemStatus> statuses) {
        Map<String, DatasetStatus> byRef = new HashMap<>();
        statuses.forEach(s -> s.datasets().forEach(d -> byRef.put(d.ref().toString(), d)));
        List<String> out = new ArrayList<>();
        for (Flow f : pipeline.flows()) {
            if (f.kind() != FlowKind.CONSUME || f.isAggregate()) {
                continue;
            }
            Optional<Flow> capture = pipeline.flowsInto(f.from()).stream().filter(c -> c.kind() == FlowKind.CDC).findFirst();
            if (capture.isEmpty()) {
                continue;
            }
            DatasetStatus source = byRef.get(capture.get().from().toString());
            DatasetStatus target = byRef.get(f.to().toString());
            if (source == null || target == null || source.size() < 0 || target.size() < 0) {
                out.add(f.to() + " cannot be compared with " + capture.get().from() + " (size unknown)");
            } else if (source.size() != target.size() || target.lag() != 0) {
                out.add(String.format("%s has %,d records (lag %d), %s %,d", f.to(), target.size(), target.lag(),
                        capture.get().from(), source.size()));
            }
        }
        return out;
    }
}
