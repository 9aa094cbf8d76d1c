package io.headwater.tests.attach;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@code redis-server} process of a test's own, on a free port, keeping its data in an
 * append-only file fsynced on every write, so that after {@link #kill} a {@link #restart} comes
 * back with every acknowledged write. Never the machine's Redis. Skips the test, saying so, when
 * the binary is absent.
 */
final class OwnRedisServer implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Process process;

    private OwnRedisServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static OwnRedisServer start(Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/redis-server")) || onPath(), "no redis-server binary on this machine: skipped");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Files.createDirectories(dir);
        OwnRedisServer s = new OwnRedisServer(dir, port);
        s.launch();
        return s;
    }

    private static boolean onPath() {
        for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(p, "redis-server"))) {
                return true;
            }
        }
        return false;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    private void launch() throws Exception {
        process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "yes", "--appendfsync", "always", "--dir", dir.toString(), "--daemonize", "no")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                String answer = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                if ("+PONG".equals(answer)) {
                    return;
                }
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("redis-server on port " + port + " did not start: " + Files.readString(dir.resolve("redis.log")), e);
                }
            }
            Thread.sleep(50);
        }
    }

    /** Freezes the server (SIGSTOP): it keeps its connections and answers nothing. */
    void freeze() throws Exception {
        new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    }

    /** Lets a frozen server run again (SIGCONT). */
    void thaw() throws Exception {
        new ProcessBuilder("kill", "-CONT", Long.toString(process.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    }

    /** Kills the server with SIGKILL: its connections drop at once. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts the server again on the same port and data directory. */
    void restart() throws Exception {
        launch();
    }

    /**
     * Watches the commands the server runs (MONITOR) on a named thread and runs {@code action} once,
     * at the first command line that {@code trigger} accepts. Returns a latch counted down after it ran.
     */
    CountDownLatch when(Predicate<String> trigger, Action action) throws IOException {
        Socket monitor = new Socket("127.0.0.1", port);
        OutputStream out = monitor.getOutputStream();
        out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        CountDownLatch done = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try (monitor; BufferedReader in = new BufferedReader(new InputStreamReader(monitor.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (trigger.test(line)) {
                        action.run();
                        done.countDown();
                        return;
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("watching redis-server on port " + port + " failed: " + e.getMessage(), e);
            }
        }, "redis-it-monitor");
        t.setDaemon(true);
        t.start();
        return done;
    }

    /** What to do at the named point. */
    interface Action {
        void run() throws Exception;
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            new ProcessBuilder("kill", "-CONT", Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
            kill();
        }
    }
}
