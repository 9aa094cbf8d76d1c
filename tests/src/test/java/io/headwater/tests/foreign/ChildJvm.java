package io.headwater.tests.foreign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM the harness starts with the test's own classpath, through {@link ParentWatch} so that it exits
 * with the test JVM. Its standard output and error go to a log file, never to the console.
 *
 * <p>{@link #close()} stops it and every process it started: SIGTERM first (its shutdown hooks run),
 * then SIGKILL after a grace period. Thread-safe; {@code close} is idempotent.
 */
public final class ChildJvm implements AutoCloseable {
    private static final Duration GRACE = Duration.ofSeconds(15);

    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code mainClass} with {@code args} in a new JVM with the given heap and system properties
     * ({@code key=value}), logging to {@code log}.
     */
    public static ChildJvm launch(String name, String mainClass, List<String> args, String maxHeap, List<String> systemProperties, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + maxHeap);
        command.add("-XX:+UseSerialGC");
        command.add("-Djava.awt.headless=true");
        systemProperties.forEach(p -> command.add("-D" + p));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ParentWatch.class.getName());
        command.add(mainClass);
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new ChildJvm(name, process, log);
        } catch (IOException e) {
            throw new ForeignPipelineException("cannot start the " + name + " JVM (" + mainClass + "): " + e.getMessage(), e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** Fails with the end of the log when the child has exited. */
    public void checkAlive() {
        if (!process.isAlive()) {
            throw new ForeignPipelineException("the " + name + " JVM exited with code " + process.exitValue()
                    + "; end of " + log + ":\n" + tail(40));
        }
    }

    /** The last {@code lines} lines of the log, for failure messages. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            throw new ForeignPipelineException("the " + name + " JVM (pid " + process.pid() + ") did not stop");
        }
    }

    @Override
    public String toString() {
        return name + " JVM (pid " + process.pid() + ", log " + log + ")";
    }
}
