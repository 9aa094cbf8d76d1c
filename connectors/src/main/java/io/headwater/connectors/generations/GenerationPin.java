package io.headwater.connectors.generations;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A use of one generation by a sink or reader of this process: while any pin on it is open, the
 * generation is not deleted, even once retired by a promotion or a discarded rebuild. Closing the
 * last pin of a retired generation deletes it. Thread-safe; closing twice is harmless.
 */
public final class GenerationPin implements AutoCloseable {
    private final StoreGenerations generations;
    private final Generation generation;
    private final AtomicBoolean closed = new AtomicBoolean();

    GenerationPin(StoreGenerations generations, Generation generation) {
        this.generations = generations;
        this.generation = generation;
    }

    /** The pinned generation. */
    public Generation generation() {
        return generation;
    }

    /** The generations of the store this pin belongs to. */
    public StoreGenerations generations() {
        return generations;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            generations.release(generation);
        }
    }
}
