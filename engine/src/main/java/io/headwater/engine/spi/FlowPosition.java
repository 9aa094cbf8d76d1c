package io.headwater.engine.spi;

/**
 * Reads how far a flow has got, whoever runs it: a hosted consumer from its sink's checkpoint, an
 * external one from what its runner leaves behind (a replication slot, a consumer group's committed
 * offsets, a position table the sink keeps). Reading never changes the observed systems.
 *
 * <p>Implementations are thread-safe; each {@link #read()} asks the systems afresh. Close to release
 * connections or clients held between reads.
 */
public interface FlowPosition extends AutoCloseable {
    /** The id of the flow observed. */
    String flowId();

    /**
     * Reads the flow's position now. A position the runner has not recorded (no such slot, no
     * committed offsets) is not an error: it is returned with {@link FlowProgress#known()} false and
     * a description saying so.
     *
     * @throws io.headwater.engine.ConnectionException when a system cannot be reached
     * @throws io.headwater.engine.StoreException      when it answers with an error
     */
    FlowProgress read();

    @Override
    default void close() {
    }
}
