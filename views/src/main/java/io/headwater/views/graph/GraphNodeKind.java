package io.headwater.views.graph;

/** What a graph node stands for. */
public enum GraphNodeKind {
    SYSTEM, DATASET, FIELD
}
