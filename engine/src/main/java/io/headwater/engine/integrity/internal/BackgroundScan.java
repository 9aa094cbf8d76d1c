package io.headwater.engine.integrity.internal;

import io.headwater.engine.integrity.FingerprintedRow;
import io.headwater.engine.integrity.VerificationException;
import io.headwater.engine.spi.Cancellation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Turns a side's push scan into a pull iterator, so two sides can be merged while both stream: the
 * scan runs on its own named thread and hands rows over in batches through a small bounded queue.
 * A failure of the scan is rethrown to the reader; a scan that ends without saying so (an
 * {@link Error}) is reported as a failure, never as the end of the data. Not thread-safe: one
 * reader thread; {@link #close()} stops the scan.
 */
public final class BackgroundScan implements AutoCloseable {
    private static final int BATCH = 1024;
    private static final long POLL_MILLIS = 50;
    private static final long JOIN_MILLIS = 10_000;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private enum Kind { ROWS, END, FAILED, DIED }

    private record Chunk(Kind kind, List<FingerprintedRow> rows, RuntimeException failure) {
    }

    /** Thrown inside the scan when the reader stopped listening. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("scan stopped", null, false, false);
        }
    }

    private final String what;
    private final Cancellation cancellation;
    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(8);
    private final Thread thread;
    private volatile boolean stopped;
    private List<FingerprintedRow> pending = new ArrayList<>(BATCH);
    private List<FingerprintedRow> current = List.of();
    private int pos;
    private boolean finished;

    /**
     * Starts the scan.
     *
     * @param what what is scanned, for messages
     * @param scan runs the scan, passing every row to the consumer it is given
     */
    public BackgroundScan(String what, Consumer<Consumer<FingerprintedRow>> scan, Cancellation cancellation) {
        this.what = what;
        this.cancellation = cancellation;
        this.thread = new Thread(() -> produce(scan), "headwater-verify-scan-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    private void produce(Consumer<Consumer<FingerprintedRow>> scan) {
        boolean told = false;
        try {
            scan.accept(this::push);
            told = hand(new Chunk(Kind.ROWS, pending, null)) && hand(new Chunk(Kind.END, List.of(), null));
        } catch (RuntimeException e) {
            // After close() nobody listens; the failure (often just our Stopped) matters to no one.
            told = stopped || hand(new Chunk(Kind.FAILED, List.of(), e));
        } finally {
            if (!told && !stopped) {
                hand(new Chunk(Kind.DIED, List.of(), null));
            }
        }
    }

    private void push(FingerprintedRow row) {
        pending.add(row);
        if (pending.size() >= BATCH) {
            if (!hand(new Chunk(Kind.ROWS, pending, null))) {
                throw new Stopped();
            }
            pending = new ArrayList<>(BATCH);
        }
    }

    private boolean hand(Chunk chunk) {
        try {
            while (!stopped) {
                if (queue.offer(chunk, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether another row follows; waits for the scan. */
    public boolean hasNext() {
        while (pos >= current.size()) {
            if (finished) {
                return false;
            }
            take();
        }
        return true;
    }

    /** The next row without consuming it. */
    public FingerprintedRow peek() {
        if (!hasNext()) {
            throw new IllegalStateException("no more rows from " + what);
        }
        return current.get(pos);
    }

    /** The next row. */
    public FingerprintedRow next() {
        FingerprintedRow r = peek();
        pos++;
        return r;
    }

    private void take() {
        Chunk c = poll();
        switch (c.kind()) {
            case ROWS -> {
                current = c.rows();
                pos = 0;
            }
            case END -> finished = true;
            case FAILED -> {
                finished = true;
                throw c.failure();
            }
            case DIED -> {
                finished = true;
                throw new VerificationException("the scan of " + what + " stopped unexpectedly");
            }
        }
    }

    private Chunk poll() {
        try {
            Chunk c;
            while ((c = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS)) == null) {
                cancellation.check("verification");
            }
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerificationException("interrupted while reading " + what, e);
        }
    }

    /** Stops the scan if it still runs and waits (boundedly) for its thread to end. */
    @Override
    public void close() {
        stopped = true;
        queue.clear();
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
