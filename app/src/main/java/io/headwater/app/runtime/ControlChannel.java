package io.headwater.app.runtime;

import io.headwater.engine.HeadwaterException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a command in another process run inside the process that holds a data directory, so that
 * {@code verify} or {@code inject} work while the demo runs (the holder keeps stores open that no
 * second process may open). File-based, in {@code DATA_DIR/control}:
 * <pre>
 *   ID.request   the command line, one argument per line (written by the client, then renamed in)
 *   ID.taken     the holder has started it
 *   ID.out       its standard output, ID.err its progress and errors (appended as it runs)
 *   ID.done      its exit code, written last
 * </pre>
 * The holder side is a runnable unit; the client side is {@link #forward}. Thread-safe.
 */
public final class ControlChannel implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlChannel.class);
    private final Path dir;
    private final Function<Request, Integer> executor;
    private volatile boolean stopping;

    /** A command to run: its arguments and where its output goes. */
    public record Request(List<String> args, PrintStream out, PrintStream err) {
    }

    /** @param executor runs one command line and returns its exit code */
    public ControlChannel(Path dataDir, Function<Request, Integer> executor) {
        this.dir = dataDir.resolve("control");
        this.executor = executor;
    }

    @Override
    public void run() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            LOG.warn("control channel disabled: cannot create {}: {}", dir, e.getMessage());
            return;
        }
        while (!stopping) {
            try (DirectoryStream<Path> requests = Files.newDirectoryStream(dir, "*.request")) {
                for (Path r : requests) {
                    take(r);
                }
                Thread.sleep(200);
            } catch (IOException e) {
                LOG.warn("control channel: {}", e.getMessage());
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void take(Path request) throws IOException {
        String id = request.getFileName().toString().replace(".request", "");
        Path taken = dir.resolve(id + ".taken");
        Files.move(request, taken, StandardCopyOption.ATOMIC_MOVE);
        List<String> args = Files.readAllLines(taken, StandardCharsets.UTF_8);
        NamedThreads.start("control-" + id.substring(0, 8), () -> execute(id, args));
    }

    private void execute(String id, List<String> args) {
        int code;
        try (PrintStream out = stream(dir.resolve(id + ".out")); PrintStream err = stream(dir.resolve(id + ".err"))) {
            code = executor.apply(new Request(args, out, err));
        } catch (IOException e) {
            LOG.warn("control request {} failed: {}", id, e.getMessage());
            code = 1;
        }
        try {
            Path tmp = dir.resolve(id + ".done.tmp");
            Files.writeString(tmp, Integer.toString(code));
            Files.move(tmp, dir.resolve(id + ".done"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("cannot answer control request {}: {}", id, e.getMessage());
        }
    }

    private static PrintStream stream(Path file) throws IOException {
        OutputStream os = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return new PrintStream(os, true, StandardCharsets.UTF_8);
    }

    private void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    @Override
    public void close() {
        stopping = true;
    }

    /**
     * Runs a command line in the process holding {@code dataDir}, copying its output here as it
     * comes, and returns its exit code.
     *
     * @param holderPid for the message when the holder does not answer
     */
    public static int forward(Path dataDir, List<String> args, PrintStream out, PrintStream err, String holderPid) {
        Path dir = dataDir.resolve("control");
        String id = UUID.randomUUID().toString();
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(id + ".request.tmp");
            Files.write(tmp, args, StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(id + ".request"), StandardCopyOption.ATOMIC_MOVE);
            long deadline = System.currentTimeMillis() + 10_000;
            while (!Files.exists(dir.resolve(id + ".taken")) && !Files.exists(dir.resolve(id + ".done"))) {
                if (System.currentTimeMillis() > deadline) {
                    Files.deleteIfExists(dir.resolve(id + ".request"));
                    throw new HeadwaterException("process " + holderPid + " holds " + dataDir + " but did not take the command within 10 s;"
                            + " is it an older Headwater? Stop it, or pass --data-dir DIR to use another sandbox.");
                }
                Thread.sleep(100);
            }
            long errRead = 0;
            long outRead = 0;
            while (!Files.exists(dir.resolve(id + ".done"))) {
                errRead = copyNew(dir.resolve(id + ".err"), errRead, err);
                outRead = copyNew(dir.resolve(id + ".out"), outRead, out);
                Thread.sleep(100);
            }
            copyNew(dir.resolve(id + ".err"), errRead, err);
            copyNew(dir.resolve(id + ".out"), outRead, out);
            int code = Integer.parseInt(Files.readString(dir.resolve(id + ".done")).trim());
            for (String suffix : List.of(".taken", ".out", ".err", ".done")) {
                Files.deleteIfExists(dir.resolve(id + suffix));
            }
            return code;
        } catch (IOException e) {
            throw new HeadwaterException("cannot talk to process " + holderPid + " through " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HeadwaterException("interrupted while waiting for process " + holderPid, e);
        }
    }

    private static long copyNew(Path file, long from, PrintStream to) throws IOException {
        if (!Files.exists(file)) {
            return from;
        }
        byte[] all = Files.readAllBytes(file);
        if (all.length > from) {
            to.write(all, (int) from, (int) (all.length - from));
            to.flush();
        }
        return Math.max(from, all.length);
    }

    /** Rewrites the values of path options to absolute paths, so another process reads the same files. */
    public static List<String> absolutePaths(List<String> args, List<String> pathOptions) {
        List<String> out = new ArrayList<>(args);
        for (int i = 0; i < out.size(); i++) {
            String a = out.get(i);
            int eq = a.indexOf('=');
            if (eq > 0 && pathOptions.contains(a.substring(0, eq))) {
                out.set(i, a.substring(0, eq + 1) + Path.of(a.substring(eq + 1)).toAbsolutePath());
            } else if (pathOptions.contains(a) && i + 1 < out.size()) {
                out.set(i + 1, Path.of(out.get(i + 1)).toAbsolutePath().toString());
                i++;
            }
        }
        return out;
    }
}
