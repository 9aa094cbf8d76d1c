package io.headwater.views.graph;

import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.FieldRef;

/** The ids of graph nodes: {@code sys:pg}, {@code ds:pg.customers}, {@code fld:pg.customers.email}. */
public final class NodeIds {
    static final String SYSTEM = "sys:";
    static final String DATASET = "ds:";
    static final String FIELD = "fld:";

    private NodeIds() {
    }

    public static String system(String systemId) {
        return SYSTEM + systemId;
    }

    public static String dataset(DatasetRef ref) {
        return DATASET + ref;
    }

    public static String field(FieldRef ref) {
        return FIELD + ref;
    }

    public static GraphNodeKind kindOf(String nodeId) {
        if (nodeId.startsWith(SYSTEM)) {
            return GraphNodeKind.SYSTEM;
        }
        return nodeId.startsWith(DATASET) ? GraphNodeKind.DATASET : GraphNodeKind.FIELD;
    }

    /** The pipeline name the node stands for, without its prefix: {@code pg}, {@code pg.customers}, {@code pg.customers.email}. */
    public static String nameOf(String nodeId) {
        return nodeId.substring(nodeId.indexOf(':') + 1);
    }
}
