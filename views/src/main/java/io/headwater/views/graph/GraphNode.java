package io.headwater.views.graph;

import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import io.headwater.views.common.FlowState;

/**
 * One node as the graph draws it.
 *
 * @param id          stable id ({@code sys:pg}, {@code ds:pg.customers}, {@code fld:pg.customers.email})
 * @param kind        system, dataset or field
 * @param label       the text in the node
 * @param x           layout position, left to right from record to derived (graph units)
 * @param y           layout position, top to bottom is decreasing y (graph units)
 * @param state       the last verification state of the flows into it
 * @param source      whether nothing flows into it and it is no derived store (a system of record's dataset): drawn blue
 * @param reachable   whether its system answered the last status poll
 * @param highlighted whether the lineage highlight includes it
 * @param expandable  whether it has children to show
 * @param expanded    whether its children are shown
 * @param systemKind  the technology of the system it belongs to (its icon)
 * @param role        the role of the system it belongs to: record, log or derived
 */
public record GraphNode(String id, GraphNodeKind kind, String label, double x, double y, FlowState state, boolean source,
                        boolean reachable, boolean highlighted, boolean expandable, boolean expanded, SystemKind systemKind, Role role) {
}
