package io.headwater.connectors.verify;

import io.headwater.engine.integrity.VerificationException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs jobs of one {@link SqlVerifySide} on several connections at once: the first on the side's own
 * session in the caller's thread, each other on a session of its own (opened on first use, kept
 * until {@link #close}) in a thread named {@code headwater-verify-sql-N}. The checksums of disjoint
 * key ranges are computed this way, so the database works on several ranges at the same time. A
 * failure is thrown once every job has finished, the others' failures suppressed in it. Not
 * thread-safe: used by its side's one caller; each session it lends is used by one thread at a time.
 */
final class ConnectionFanOut implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final SqlSession own;
    private final Supplier<SqlSession> opener;
    private final List<SqlSession> extra = new ArrayList<>();

    ConnectionFanOut(SqlSession own, Supplier<SqlSession> opener) {
        this.own = own;
        this.opener = opener;
    }

    /** Runs the jobs, one connection each, and returns when all have finished. */
    void run(List<Consumer<SqlSession>> jobs) {
        while (extra.size() < jobs.size() - 1) {
            extra.add(opener.get());
        }
        List<FutureTask<Void>> others = new ArrayList<>();
        for (int i = 1; i < jobs.size(); i++) {
            Consumer<SqlSession> job = jobs.get(i);
            SqlSession session = extra.get(i - 1);
            FutureTask<Void> task = new FutureTask<>(() -> job.accept(session), null);
            Thread thread = new Thread(task, "headwater-verify-sql-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            thread.start();
            others.add(task);
        }
        RuntimeException failure = null;
        try {
            jobs.get(0).accept(own);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (FutureTask<Void> task : others) {
            try {
                task.get();
            } catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                        : new VerificationException("checksums failed on " + own.address(), e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                others.forEach(t -> t.cancel(true));
                RuntimeException stop = new VerificationException("interrupted while computing checksums on " + own.address(), e);
                if (failure != null) {
                    stop.addSuppressed(failure);
                }
                throw stop;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes the extra sessions (not the side's own). */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (SqlSession s : extra) {
            try {
                s.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        extra.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
