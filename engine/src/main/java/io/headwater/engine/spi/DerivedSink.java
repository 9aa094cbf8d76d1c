package io.headwater.engine.spi;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import java.util.List;

/**
 * A derived dataset that a flow keeps up to date from a log. Applying is idempotent (re-applying an
 * event already covered by the checkpoint changes nothing) — except for a flow declared
 * {@code apply: naive}, kept in the demo to show what duplicate delivery does to a sink without
 * it — and atomic with the checkpoint: after
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

    /** A reader over this store's committed state, usable beside this open sink. Close it when done. */
    default DatasetReader reader() {
        throw new UnsupportedOperationException(dataset().ref() + " has no reader");
    }

    /**
     * Writes edits straight into the store behind the pipeline's back, bypassing the flow and
     * keeping the checkpoint as it is: the fault injection of demos and tests. Atomic, and never
     * interleaved with {@link #apply}.
     */
    default void tamper(java.util.List<StoreEdit> edits) {
        throw new UnsupportedOperationException(dataset().ref() + " cannot be edited directly");
    }

    /**
     * Opens the shadow instance of this store for a rebuild: a fresh, empty instance beside the
     * live one (a new index directory, table or map) with its own checkpoint. If a shadow already
     * exists (a rebuild was interrupted, even by a crash), it is reopened as it was committed, so
     * the rebuild resumes from its checkpoint. The shadow is invisible to readers of the live store.
     */
    default DerivedSink openShadow() {
        throw new UnsupportedOperationException(dataset().ref() + " cannot be rebuilt into a shadow");
    }

    /** Whether a shadow of this store exists (an unfinished rebuild). */
    default boolean hasShadow() {
        return false;
    }

    /**
     * Makes {@code shadow} (opened by {@link #openShadow()} on this store) the live instance, in one
     * atomic step: readers opened afterwards see only the new data, readers before see only the old,
     * never a mix. The old instance is discarded. After this call this sink object must not be used
     * any more; the shadow object serves the store from now on (close this one).
     */
    default void promote(DerivedSink shadow) {
        throw new UnsupportedOperationException(dataset().ref() + " cannot be rebuilt into a shadow");
    }

    /**
     * How {@link #promote} makes a shadow live in this store, in words a user reads as the last step
     * of a rebuild, naming the live and shadow instances (for example "one _aliases request moves
     * alias customers from customers-g1 to customers-g2"). Asked before the swap; never throws.
     */
    default String swapStep() {
        return "the shadow of " + dataset().ref() + " replaces the live store";
    }

    /** Drops the shadow instance, if any (a rebuild abandoned); the live store is untouched. */
    default void discardShadow() {
        throw new UnsupportedOperationException(dataset().ref() + " cannot be rebuilt into a shadow");
    }

    /**
     * Damages the stored content of one record (e.g. truncates a blob file), for stores whose
     * records point at content kept elsewhere. Returns a description of what was damaged.
     */
    default String damageContent(io.headwater.engine.model.Row key) {
        throw new UnsupportedOperationException(dataset().ref() + " keeps no separate content to damage");
    }

    @Override
    void close();
}
