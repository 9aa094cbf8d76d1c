package io.headwater.app.runtime;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names every thread it makes {@code headwater-<role>-<n>}; daemon threads, so a stuck one never holds the JVM. */
public final class NamedThreads implements ThreadFactory {
    private final String role;
    private final AtomicInteger next = new AtomicInteger(1);

    public NamedThreads(String role) {
        this.role = role;
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, "headwater-" + role + "-" + next.getAndIncrement());
        t.setDaemon(true);
        return t;
    }

    /** Starts {@code r} on a new thread named {@code headwater-<name>}. */
    public static Thread start(String name, Runnable r) {
        Thread t = new Thread(r, "headwater-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
