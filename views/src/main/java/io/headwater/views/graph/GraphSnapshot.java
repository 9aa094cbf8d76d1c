package io.headwater.views.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything the graph shows at one moment; immutable. The view applies the difference to the drawing. */
public record GraphSnapshot(List<GraphNode> nodes, List<GraphEdge> edges) {
    public static final GraphSnapshot EMPTY = new GraphSnapshot(List.of(), List.of());

    public GraphSnapshot {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    public Optional<GraphNode> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /** The nodes by id, in drawing order. */
    public Map<String, GraphNode> nodesById() {
        Map<String, GraphNode> byId = new LinkedHashMap<>();
        nodes.forEach(n -> byId.put(n.id(), n));
        return byId;
    }

    /** The edges by id, in drawing order. */
    public Map<String, GraphEdge> edgesById() {
        Map<String, GraphEdge> byId = new LinkedHashMap<>();
        edges.forEach(e -> byId.put(e.id(), e));
        return byId;
    }
}
