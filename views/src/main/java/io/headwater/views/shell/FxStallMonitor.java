package io.headwater.views.shell;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures how long the FX thread is kept from running: every {@value #PERIOD_MS} ms a ping is
 * posted with {@code Platform.runLater}, and how late it runs is its stall. Keeps the longest stall
 * since start, and the longest within a measured section (e.g. a verify or a rebuild). Thread-safe.
 */
public final class FxStallMonitor implements AutoCloseable {
    static final long PERIOD_MS = 20;
    private static final long SAMPLE_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    private static final Logger LOG = LoggerFactory.getLogger(FxStallMonitor.class);

    private final ScheduledExecutorService timer;
    private final Consumer<Runnable> fxThread;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong longestNanos = new AtomicLong();
    private final AtomicLong sectionNanos = new AtomicLong();
    private final AtomicLong pings = new AtomicLong();
    private final AtomicLong postedAt = new AtomicLong();
    private final AtomicBoolean sampled = new AtomicBoolean();
    private volatile Thread fxThreadSeen;

    /** Pings the real FX thread. */
    public FxStallMonitor() {
        this(Platform::runLater);
    }

    FxStallMonitor(Consumer<Runnable> fxThread) {
        this.fxThread = fxThread;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "headwater-fx-stall-monitor");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts pinging. */
    public FxStallMonitor start() {
        timer.scheduleAtFixedRate(this::ping, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
        return this;
    }

    private void ping() {
        if (!pending.compareAndSet(false, true)) {
            // the last ping has not run yet: it is still measuring this stall; say once what the FX thread is doing
            if (LOG.isDebugEnabled() && System.nanoTime() - postedAt.get() > SAMPLE_AFTER_NANOS && sampled.compareAndSet(false, true)) {
                logFxStack();
            }
            return;
        }
        long posted = System.nanoTime();
        postedAt.set(posted);
        sampled.set(false);
        fxThread.accept(() -> {
            fxThreadSeen = Thread.currentThread();
            record(System.nanoTime() - posted);
        });
    }

    private void logFxStack() {
        Thread t = fxThreadSeen;
        if (t != null) {
            StringBuilder b = new StringBuilder();
            for (StackTraceElement e : t.getStackTrace()) {
                b.append("\n    at ").append(e);
            }
            LOG.debug("FX thread stalled for over {} ms, now in:{}", TimeUnit.NANOSECONDS.toMillis(SAMPLE_AFTER_NANOS), b);
        }
    }

    void record(long lateNanos) {
        pending.set(false);
        pings.incrementAndGet();
        longestNanos.accumulateAndGet(lateNanos, Math::max);
        sectionNanos.accumulateAndGet(lateNanos, Math::max);
    }

    /** The longest stall since start, in milliseconds. */
    public long longestStallMillis() {
        return TimeUnit.NANOSECONDS.toMillis(longestNanos.get());
    }

    /** Starts a section: {@link #sectionStallMillis()} then measures from now. */
    public void beginSection() {
        sectionNanos.set(0);
    }

    /** The longest stall since {@link #beginSection()}, in milliseconds. */
    public long sectionStallMillis() {
        return TimeUnit.NANOSECONDS.toMillis(sectionNanos.get());
    }

    /** Pings answered so far. */
    public long pings() {
        return pings.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
