package io.headwater.tests.opensearch;

import io.headwater.tests.foreign.ChildJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A single real OpenSearch node in a child JVM ({@link OpenSearchNodeMain}), on a free HTTP port of
 * 127.0.0.1, with its home in a directory the caller owns. {@link #start} returns when {@code GET /}
 * answers 200; {@link #close} stops the JVM.
 */
public final class OpenSearchTestNode implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final ChildJvm jvm;
    private final int httpPort;
    private final Duration startUp;

    private OpenSearchTestNode(ChildJvm jvm, int httpPort, Duration startUp) {
        this.jvm = jvm;
        this.httpPort = httpPort;
        this.startUp = startUp;
    }

    /** Starts a node whose home, port file and log are under {@code dir}; a home left by an earlier node keeps its indexes. */
    public static OpenSearchTestNode start(Path dir) throws IOException, InterruptedException {
        long began = System.nanoTime();
        Path home = dir.resolve("home");
        Path portFile = dir.resolve("http.port");
        // a node restarted on the same home (its data kept) must not read the port its predecessor wrote
        Files.deleteIfExists(portFile);
        ChildJvm jvm = ChildJvm.launch("opensearch", OpenSearchNodeMain.class.getName(),
                List.of(home.toString(), portFile.toString()), "768m", List.of(), dir.resolve("node.log"));
        try {
            int port = awaitPort(jvm, portFile, began);
            awaitRoot(jvm, port, began);
            return new OpenSearchTestNode(jvm, port, Duration.ofNanos(System.nanoTime() - began));
        } catch (IOException | InterruptedException | RuntimeException e) {
            jvm.close();
            throw e;
        }
    }

    private static int awaitPort(ChildJvm jvm, Path portFile, long began) throws IOException, InterruptedException {
        while (!Files.exists(portFile)) {
            jvm.checkAlive();
            checkTimeout(began, "write its HTTP port");
            Thread.sleep(200);
        }
        return Integer.parseInt(Files.readString(portFile, StandardCharsets.UTF_8).trim());
    }

    private static void awaitRoot(ChildJvm jvm, int port, long began) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest root = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(5)).build();
        while (true) {
            jvm.checkAlive();
            try {
                if (http.send(root, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                checkTimeout(began, "answer GET / on port " + port + " (last: " + e + ")");
            }
            checkTimeout(began, "answer GET / with 200 on port " + port);
            Thread.sleep(200);
        }
    }

    private static void checkTimeout(long began, String what) {
        if (System.nanoTime() - began > START_TIMEOUT.toNanos()) {
            throw new IllegalStateException("the OpenSearch node did not " + what + " within " + START_TIMEOUT);
        }
    }

    public int httpPort() {
        return httpPort;
    }

    /** From launching the JVM to the first 200 on {@code GET /}. */
    public Duration startUp() {
        return startUp;
    }

    @Override
    public void close() {
        jvm.close();
    }

    @Override
    public String toString() {
        return "OpenSearch node on 127.0.0.1:" + httpPort + " (" + jvm + ")";
    }
}
