package io.headwater.tests.opensearch;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;

/**
 * The main class of a single OpenSearch node, run in its own JVM by {@link OpenSearchTestNode}: home
 * directory {@code args[0]}, HTTP on a free port written (when the node is up) to the file {@code args[1]}.
 * Runs until the JVM is stopped; the node is closed by a shutdown hook.
 */
public final class OpenSearchNodeMain {
    private OpenSearchNodeMain() {
    }

    /** A node whose classpath plugins are given here (the constructor that takes them is protected). */
    private static final class ClasspathPluginNode extends Node {
        ClasspathPluginNode(Settings settings) {
            super(InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> settings.get("node.name")),
                    List.of(Netty4Plugin.class), true);
        }
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Path portFile = Path.of(args[1]);
        Files.createDirectories(home.resolve("config"));
        int httpPort = freePort();
        int transportPort = freePort();
        Settings settings = Settings.builder()
                .put("path.home", home.toString())
                .put("cluster.name", "headwater-test")
                .put("node.name", "headwater-test-node")
                .put("discovery.type", "single-node")
                .put("network.host", "127.0.0.1")
                .put("http.port", httpPort)
                .put("transport.port", transportPort)
                .put("transport.type", "netty4")
                .put("http.type", "netty4")
                .build();
        Node node = new ClasspathPluginNode(settings);
        node.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (IOException e) {
                System.err.println("closing the OpenSearch node failed: " + e);
            } finally {
                stopped.countDown();
            }
        }, "opensearch-node-shutdown"));
        Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(tmp, Integer.toString(httpPort), StandardCharsets.UTF_8);
        Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE);
        stopped.await();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
