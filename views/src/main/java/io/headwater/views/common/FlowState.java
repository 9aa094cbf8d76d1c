package io.headwater.views.common;

/** The last verification state of a flow (and of the dataset it feeds), as coloured on the graph. */
public enum FlowState {
    /** The last verification was clean. */
    VERIFIED,
    /** A verification or rebuild is running, or the last one left changes in flight. */
    IN_FLIGHT,
    /** The last verification reported missing, extra or mismatched records. */
    CORRUPT,
    /** Never verified in this session. */
    UNKNOWN
}
