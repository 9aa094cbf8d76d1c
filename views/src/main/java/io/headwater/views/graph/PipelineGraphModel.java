package io.headwater.views.graph;

import io.headwater.engine.discover.ConnectorState;
import io.headwater.engine.lineage.FieldHop;
import io.headwater.engine.lineage.FieldPath;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.FlowProgress;
import io.headwater.engine.status.DatasetStatus;
import io.headwater.engine.status.SystemStatus;
import io.headwater.views.common.FlowState;
import io.headwater.views.common.WorkbenchState.Highlight;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The pipeline as a graph at one expansion: systems collapsed by default; an expanded system shows
 * its datasets beneath it, an expanded dataset its fields. Flows are drawn between the nearest
 * visible ends. Plain Java, no toolkit; not thread-safe (owned by the {@link GraphViewModel}).
 */
public final class PipelineGraphModel {
    static final double DATASET_INDENT = 1.2;
    static final double FIELD_INDENT = 2.4;
    static final double ROW_HEIGHT = 1;
    /** Vertical gap after each system's block. */
    static final double SYSTEM_GAP = 0.6;

    private final Pipeline pipeline;
    private final SystemColumns columns;
    private final Set<String> expanded = new HashSet<>();
    private final Map<String, SystemStatus> systemStatus = new HashMap<>();
    private Map<String, String> flowLags = Map.of();
    private final Map<DatasetRef, DatasetStatus> datasetStatus = new HashMap<>();
    private Map<String, FlowState> flowStates = Map.of();
    private Map<String, ConnectorState> connectorStates = Map.of();
    private Highlight highlight = Highlight.NONE;

    public PipelineGraphModel(Pipeline pipeline) {
        this.pipeline = pipeline;
        this.columns = new SystemColumns(pipeline);
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    /** Whether a system or dataset node shows its children. */
    public boolean isExpanded(String nodeId) {
        return expanded.contains(nodeId);
    }

    /** Shows or hides a node's children; fields have none. Returns whether anything changed. */
    public boolean setExpanded(String nodeId, boolean show) {
        if (NodeIds.kindOf(nodeId) == GraphNodeKind.FIELD) {
            return false;
        }
        return show ? expanded.add(nodeId) : expanded.remove(nodeId);
    }

    /** Makes a node visible by expanding its system (and dataset, for a field). */
    public void reveal(String nodeId) {
        String name = NodeIds.nameOf(nodeId);
        switch (NodeIds.kindOf(nodeId)) {
            case DATASET -> expanded.add(NodeIds.system(DatasetRef.parse(name).system()));
            case FIELD -> {
                FieldRef f = FieldRef.parse(name);
                expanded.add(NodeIds.system(f.dataset().system()));
                expanded.add(NodeIds.dataset(f.dataset()));
            }
            default -> { }
        }
    }

    /** Expands every system and, with {@code datasets}, every dataset too. */
    public void expandAll(boolean datasets) {
        for (SystemSpec s : pipeline.systems()) {
            expanded.add(NodeIds.system(s.id()));
            if (datasets) {
                s.datasets().forEach(d -> expanded.add(NodeIds.dataset(d.ref())));
            }
        }
    }

    public void collapseAll() {
        expanded.clear();
    }

    public void setStatus(Collection<SystemStatus> statuses) {
        for (SystemStatus s : statuses) {
            systemStatus.put(s.systemId(), s);
            s.datasets().forEach(d -> datasetStatus.put(d.ref(), d));
        }
    }

    /** Takes the observed progress of the flows that run outside Headwater, written on their edges. */
    public void setFlowProgress(Collection<FlowProgress> progress) {
        Map<String, String> lags = new HashMap<>();
        progress.forEach(p -> lags.put(p.flowId(), p.lagText()));
        flowLags = Map.copyOf(lags);
    }

    /** The states of the connectors that run external flows, by connector name. */
    public void setConnectorStates(Map<String, ConnectorState> states) {
        connectorStates = Map.copyOf(states);
    }

    /**
     * {@code "connector RUNNING, "} (or PAUSED, STOPPED, FAILED when the connector or one of its tasks failed) on the
     * edge of a flow whose connector's state was reported; else empty.
     */
    private String connectorNote(Flow f) {
        String name = f.observe().connector();
        ConnectorState s = name == null ? ConnectorState.UNKNOWN : connectorState(name);
        if (s.state().equals("UNKNOWN")) {
            return "";
        }
        return "connector " + (s.failed() ? "FAILED" : s.state()) + ", ";
    }

    /** The state of a connector, {@code UNKNOWN} when none was reported. */
    public ConnectorState connectorState(String connector) {
        return connectorStates.getOrDefault(connector, ConnectorState.UNKNOWN);
    }

    public void setFlowStates(Map<String, FlowState> states) {
        flowStates = Map.copyOf(states);
    }

    /** Sets the lineage highlight and reveals the highlighted fields. */
    public void setHighlight(Highlight newHighlight) {
        highlight = newHighlight;
        newHighlight.fields().forEach(f -> reveal(NodeIds.field(f)));
        if (newHighlight.selected() != null) {
            reveal(NodeIds.field(newHighlight.selected()));
        }
    }

    public SystemStatus systemStatus(String systemId) {
        return systemStatus.get(systemId);
    }

    public DatasetStatus datasetStatus(DatasetRef ref) {
        return datasetStatus.get(ref);
    }

    /** The combined state of the flows into a dataset (unknown when none). */
    public FlowState datasetState(DatasetRef ref) {
        return combine(pipeline.flowsInto(ref).stream().map(f -> flowState(f.id())).toList());
    }

    public FlowState flowState(String flowId) {
        return flowStates.getOrDefault(flowId, FlowState.UNKNOWN);
    }

    /** Corrupt beats in flight beats unknown beats verified; nothing is unknown. */
    static FlowState combine(Collection<FlowState> states) {
        if (states.isEmpty()) {
            return FlowState.UNKNOWN;
        }
        for (FlowState s : List.of(FlowState.CORRUPT, FlowState.IN_FLIGHT, FlowState.UNKNOWN)) {
            if (states.contains(s)) {
                return s;
            }
        }
        return FlowState.VERIFIED;
    }

    /** The graph as it should be drawn now. */
    public GraphSnapshot snapshot() {
        Set<String> highlightedNodes = highlightedNodes();
        List<GraphNode> nodes = new ArrayList<>();
        columns.columns().forEach((column, systems) -> {
            double x = columns.x(column);
            double row = 0;
            for (SystemSpec s : systems) {
                row = placeSystem(s, x, row, highlightedNodes, nodes) + SYSTEM_GAP;
            }
        });
        return new GraphSnapshot(nodes, edges(highlightedNodes));
    }

    private double placeSystem(SystemSpec s, double x, double row, Set<String> lit, List<GraphNode> out) {
        String id = NodeIds.system(s.id());
        boolean open = expanded.contains(id);
        SystemStatus st = systemStatus.get(s.id());
        boolean reachable = st == null || st.reachable();
        List<FlowState> states = s.datasets().stream().filter(d -> !pipeline.flowsInto(d.ref()).isEmpty()).map(d -> datasetState(d.ref())).toList();
        // A derived store is never drawn as a source, even when no flow into it is declared (a table kept by the user's sink).
        boolean derived = s.role() == Role.DERIVED;
        boolean source = states.isEmpty() && !derived;
        out.add(new GraphNode(id, GraphNodeKind.SYSTEM, GraphLabels.system(s, st), x, -row * ROW_HEIGHT, combine(states), source,
                reachable, lit.contains(id), !s.datasets().isEmpty(), open, s.kind(), s.role()));
        row++;
        if (!open) {
            return row;
        }
        for (Dataset d : s.datasets()) {
            String dsId = NodeIds.dataset(d.ref());
            boolean dsOpen = expanded.contains(dsId);
            out.add(new GraphNode(dsId, GraphNodeKind.DATASET, GraphLabels.dataset(d, datasetStatus.get(d.ref())), x + DATASET_INDENT,
                    -row * ROW_HEIGHT, datasetState(d.ref()), pipeline.flowsInto(d.ref()).isEmpty() && !derived, reachable, lit.contains(dsId),
                    !d.fields().isEmpty(), dsOpen, s.kind(), s.role()));
            row++;
            if (dsOpen) {
                for (Field f : d.fields()) {
                    String fId = NodeIds.field(new FieldRef(d.ref(), f.name()));
                    out.add(new GraphNode(fId, GraphNodeKind.FIELD, GraphLabels.field(f), x + FIELD_INDENT, -row * ROW_HEIGHT,
                            datasetState(d.ref()), pipeline.flowsInto(d.ref()).isEmpty() && !derived, reachable, lit.contains(fId), false, false,
                            s.kind(), s.role()));
                    row++;
                }
            }
        }
        return row;
    }

    /** The visible node that stands for a dataset: itself, or its collapsed system. */
    private String visible(DatasetRef ref) {
        return expanded.contains(NodeIds.system(ref.system())) ? NodeIds.dataset(ref) : NodeIds.system(ref.system());
    }

    private String visible(FieldRef ref) {
        return expanded.contains(NodeIds.dataset(ref.dataset())) ? NodeIds.field(ref) : visible(ref.dataset());
    }

    private List<GraphEdge> edges(Set<String> lit) {
        Set<String> litFlows = new HashSet<>();
        highlight.paths().forEach(p -> p.hops().forEach(h -> litFlows.add(h.flow().id())));
        Map<String, List<Flow>> grouped = new LinkedHashMap<>();
        for (Flow f : pipeline.flows()) {
            String from = visible(f.from());
            String to = visible(f.to());
            if (!from.equals(to)) {
                grouped.computeIfAbsent(from + "->" + to, k -> new ArrayList<>()).add(f);
            }
        }
        List<GraphEdge> out = new ArrayList<>();
        grouped.forEach((id, flows) -> {
            List<String> ids = flows.stream().map(Flow::id).toList();
            boolean on = ids.stream().anyMatch(litFlows::contains);
            boolean external = flows.stream().allMatch(Flow::external);
            String label = flows.stream().filter(f -> f.external() && (flowLags.containsKey(f.id()) || !connectorNote(f).isEmpty()))
                    .map(f -> ((flows.size() == 1 ? "" : f.id() + ": ") + connectorNote(f) + flowLags.getOrDefault(f.id(), "")).replaceAll(", $", ""))
                    .collect(Collectors.joining("; "));
            out.add(new GraphEdge(id, visible(flows.get(0).from()), visible(flows.get(0).to()), ids,
                    combine(ids.stream().map(this::flowState).toList()), on, false, external, label));
        });
        Set<String> hopIds = new HashSet<>();
        for (FieldPath path : highlight.paths()) {
            for (FieldHop hop : path.hops()) {
                String from = visible(hop.from());
                String to = visible(hop.to());
                String id = "hop:" + from + "->" + to;
                if (!from.equals(to) && lit.contains(from) && lit.contains(to) && hopIds.add(id)
                        && NodeIds.kindOf(from) == GraphNodeKind.FIELD && NodeIds.kindOf(to) == GraphNodeKind.FIELD) {
                    out.add(new GraphEdge(id, from, to, List.of(hop.flow().id()), flowState(hop.flow().id()), true, true));
                }
            }
        }
        return out;
    }

    /** Every visible node that stands for a highlighted field (the field, or its collapsed dataset or system). */
    private Set<String> highlightedNodes() {
        Set<String> lit = new HashSet<>();
        highlight.fields().forEach(f -> lit.add(visible(f)));
        if (highlight.selected() != null) {
            lit.add(visible(highlight.selected()));
        }
        for (FieldPath p : highlight.paths()) {
            p.hops().forEach(h -> {
                lit.add(visible(h.from()));
                lit.add(visible(h.to()));
            });
        }
        return lit;
    }
}
