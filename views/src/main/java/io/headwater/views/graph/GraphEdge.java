package io.headwater.views.graph;

import io.headwater.views.common.FlowState;
import java.util.List;

/**
 * One drawn edge: the flows between two visible nodes (several flows collapse into one edge when
 * their systems are collapsed), or one hop of a highlighted field path.
 *
 * @param flows       the ids of the flows it stands for
 * @param state       the combined verification state of those flows
 * @param fieldHop    whether it links two fields (drawn only for the lineage highlight)
 * @param external    whether its flows run outside Headwater (drawn apart: Headwater only observes them)
 * @param label       what is written on it: the observed lag of its external flows, or empty
 */
public record GraphEdge(String id, String from, String to, List<String> flows, FlowState state, boolean highlighted, boolean fieldHop,
                        boolean external, String label) {
    public GraphEdge {
        flows = List.copyOf(flows);
        label = label == null ? "" : label;
    }

    /** An edge of flows Headwater runs, with no label. */
    public GraphEdge(String id, String from, String to, List<String> flows, FlowState state, boolean highlighted, boolean fieldHop) {
        this(id, from, to, flows, state, highlighted, fieldHop, false, "");
    }
}
