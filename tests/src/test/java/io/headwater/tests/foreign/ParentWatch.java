package io.headwater.tests.foreign;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * The entry point of the harness's child JVMs: runs the main class named by the first argument with the
 * others, and exits the JVM (running its shutdown hooks) when standard input ends, which happens when
 * the parent test JVM dies, even by {@code kill -9}. So no broker or worker outlives its test run.
 */
public final class ParentWatch {
    private ParentWatch() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: ParentWatch MAIN_CLASS [ARGS...]");
        }
        Thread watch = new Thread(ParentWatch::exitWhenParentGone, "foreign-parent-watch");
        watch.setDaemon(true);
        watch.start();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void exitWhenParentGone() {
        InputStream in = System.in;
        byte[] buffer = new byte[64];
        try {
            while (in.read(buffer) != -1) {
                // the parent writes nothing; reading only waits for the end of the stream
            }
            System.err.println("ParentWatch: the parent process is gone; exiting");
        } catch (IOException e) {
            System.err.println("ParentWatch: standard input failed (" + e.getMessage() + "); exiting");
        }
        System.exit(0);
    }
}
