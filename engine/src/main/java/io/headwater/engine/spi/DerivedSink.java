package io.headwater.engine.spi;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import java.util.List;

/**
 * A derived dataset that a flow keeps up to date from a log. Applying is idempotent (re-applying an
 * event already covered by the checkpoint changes nothing) and atomic with the checkpoint: after
 * a crash the store holds exactly the events up to its last committed checkpoint. Not thread-safe:
 * one consumer thread applies; {@link #count()} and {@link #checkpoint()} may be called from others.
 */
public interface DerivedSink extends AutoCloseable {
    /** The dataset this sink writes. */
    Dataset dataset();

    /** The flow whose mapping this sink applies. */
    Flow flow();

    /** The last committed checkpoint ({@link Checkpoint#EMPTY} for a fresh store). */
    Checkpoint checkpoint();

    /**
     * Applies the events through the flow's mapping and commits them with {@code through} as one
     * atomic step.
     */
    void apply(List<ChangeEvent> events, Checkpoint through);

    /** The number of records the store holds now. */
    long count();

    @Override
    void close();
}
