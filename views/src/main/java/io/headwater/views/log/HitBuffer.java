package io.headwater.views.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Hands items found on a working thread to the UI in batches: the first item schedules one flush
 * on the UI executor, and everything that arrives before it runs goes along. A search that finds
 * thousands of hits thus posts a few UI updates, not thousands. Thread-safe.
 */
public final class HitBuffer<T> {
    private final Queue<T> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Executor ui;
    private final Consumer<List<T>> sink;

    public HitBuffer(Executor ui, Consumer<List<T>> sink) {
        this.ui = ui;
        this.sink = sink;
    }

    /** Called from the working thread. */
    public void add(T item) {
        pending.add(item);
        if (scheduled.compareAndSet(false, true)) {
            ui.execute(this::flush);
        }
    }

    /** Runs on the UI executor. */
    public void flush() {
        scheduled.set(false);
        List<T> batch = new ArrayList<>();
        for (T t = pending.poll(); t != null; t = pending.poll()) {
            batch.add(t);
        }
        if (!batch.isEmpty()) {
            sink.accept(batch);
        }
    }
}
