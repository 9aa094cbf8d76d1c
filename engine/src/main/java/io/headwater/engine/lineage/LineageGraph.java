package io.headwater.engine.lineage;

import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.FieldRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Pipeline;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The lineage of a pipeline: datasets linked by flows, and fields linked by flow mappings.
 * Answers what is upstream and downstream of a dataset, which fields a field reaches
 * ({@link #impact}), and where a field comes from ({@link #origin}).
 *
 * <p>Immutable and thread-safe. Walks are breadth-first, so nearer datasets and fields come first;
 * each one is listed once, with the first (shortest) path that reaches it.
 */
public final class LineageGraph {
    private final Pipeline pipeline;
    private final Map<DatasetRef, List<Flow>> outgoing;
    private final Map<DatasetRef, List<Flow>> incoming;
    private final FieldSteps steps;

    /** Builds the graph of a pipeline's flows. */
    public LineageGraph(Pipeline pipeline) {
        this.pipeline = pipeline;
        this.outgoing = index(pipeline.flows(), Flow::from);
        this.incoming = index(pipeline.flows(), Flow::to);
        this.steps = new FieldSteps(pipeline);
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    /** Every dataset fed by {@code dataset}, directly or transitively, nearest first; not itself. */
    public List<DatasetRef> downstream(DatasetRef dataset) {
        return walk(dataset, outgoing, Flow::to).datasets();
    }

    /** The flows on the way {@link #downstream(DatasetRef) downstream}, in the order they are met. */
    public List<Flow> downstreamFlows(DatasetRef dataset) {
        return walk(dataset, outgoing, Flow::to).flows();
    }

    /** Every dataset that feeds {@code dataset}, directly or transitively, nearest first; not itself. */
    public List<DatasetRef> upstream(DatasetRef dataset) {
        return walk(dataset, incoming, Flow::from).datasets();
    }

    /** The flows on the way {@link #upstream(DatasetRef) upstream}, in the order they are met. */
    public List<Flow> upstreamFlows(DatasetRef dataset) {
        return walk(dataset, incoming, Flow::from).flows();
    }

    /**
     * Every field that {@code field} reaches downstream (log fields and derived fields alike),
     * nearest first, each with the hops from {@code field} to it.
     */
    public List<FieldPath> impact(FieldRef field) {
        return walkFields(field, true);
    }

    /**
     * Every field upstream of {@code field} that it is computed from, nearest first, each with the
     * hops from it to {@code field}. The true origins, fields nothing flows into, come last.
     */
    public List<FieldPath> origin(FieldRef field) {
        return walkFields(field, false);
    }

    /**
     * A cycle of flows, if there is one, as the datasets along it with the first repeated at the end
     * ({@code a.x, b.y, a.x}).
     */
    public Optional<List<DatasetRef>> findCycle() {
        Map<DatasetRef, Boolean> onStack = new HashMap<>();
        for (DatasetRef start : outgoing.keySet()) {
            if (!onStack.containsKey(start)) {
                Optional<List<DatasetRef>> cycle = findCycle(start, onStack, new ArrayList<>());
                if (cycle.isPresent()) {
                    return cycle;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<List<DatasetRef>> findCycle(DatasetRef node, Map<DatasetRef, Boolean> onStack, List<DatasetRef> path) {
        onStack.put(node, true);
        path.add(node);
        for (Flow flow : outgoing.getOrDefault(node, List.of())) {
            Boolean state = onStack.get(flow.to());
            if (Boolean.TRUE.equals(state)) {
                List<DatasetRef> cycle = new ArrayList<>(path.subList(path.indexOf(flow.to()), path.size()));
                cycle.add(flow.to());
                return Optional.of(List.copyOf(cycle));
            }
            if (state == null) {
                Optional<List<DatasetRef>> cycle = findCycle(flow.to(), onStack, path);
                if (cycle.isPresent()) {
                    return cycle;
                }
            }
        }
        path.remove(path.size() - 1);
        onStack.put(node, false);
        return Optional.empty();
    }

    /** The datasets and flows met on a breadth-first walk. */
    private record Walk(List<DatasetRef> datasets, List<Flow> flows) {
    }

    private static Walk walk(DatasetRef start, Map<DatasetRef, List<Flow>> edges, Function<Flow, DatasetRef> next) {
        Set<DatasetRef> seen = new LinkedHashSet<>(List.of(start));
        Set<Flow> flows = new LinkedHashSet<>();
        Deque<DatasetRef> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            for (Flow flow : edges.getOrDefault(queue.poll(), List.of())) {
                flows.add(flow);
                if (seen.add(next.apply(flow))) {
                    queue.add(next.apply(flow));
                }
            }
        }
        seen.remove(start);
        return new Walk(List.copyOf(seen), List.copyOf(flows));
    }

    private List<FieldPath> walkFields(FieldRef start, boolean forward) {
        Map<FieldRef, FieldPath> reached = new LinkedHashMap<>();
        Set<FieldRef> seen = new HashSet<>(List.of(start));
        Deque<FieldRef> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            FieldRef current = queue.poll();
            List<FieldHop> sofar = current.equals(start) ? List.of() : reached.get(current).hops();
            for (FieldHop hop : hops(current, forward)) {
                FieldRef next = forward ? hop.to() : hop.from();
                if (seen.add(next)) {
                    reached.put(next, new FieldPath(next, extend(sofar, hop, forward)));
                    queue.add(next);
                }
            }
        }
        return List.copyOf(reached.values());
    }

    private List<FieldHop> hops(FieldRef field, boolean forward) {
        List<FieldHop> hops = new ArrayList<>();
        Map<DatasetRef, List<Flow>> edges = forward ? outgoing : incoming;
        for (Flow flow : edges.getOrDefault(field.dataset(), List.of())) {
            hops.addAll(forward ? steps.forward(flow, field) : steps.backward(flow, field));
        }
        return hops;
    }

    private static List<FieldHop> extend(List<FieldHop> sofar, FieldHop hop, boolean forward) {
        List<FieldHop> hops = new ArrayList<>(sofar.size() + 1);
        if (forward) {
            hops.addAll(sofar);
            hops.add(hop);
        } else {
            hops.add(hop);
            hops.addAll(sofar);
        }
        return hops;
    }

    private static Map<DatasetRef, List<Flow>> index(List<Flow> flows, Function<Flow, DatasetRef> by) {
        Map<DatasetRef, List<Flow>> index = new LinkedHashMap<>();
        flows.forEach(f -> index.computeIfAbsent(by.apply(f), k -> new ArrayList<>()).add(f));
        Map<DatasetRef, List<Flow>> frozen = new LinkedHashMap<>();
        index.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(frozen);
    }
}
