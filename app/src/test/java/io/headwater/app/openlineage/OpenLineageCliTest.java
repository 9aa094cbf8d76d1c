package io.headwater.app.openlineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.headwater.app.cli.HeadwaterCommand;
import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.model.Pipeline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code openlineage export} then {@code lineage --from-openlineage}, on the command line. */
class OpenLineageCliTest {
    private static final Path DEMO = Path.of("..", "sample-configs", "demo.yaml");

    record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HeadwaterCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of());
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void exportThenImportGivesBackTheSameGraph(@TempDir Path dir) throws IOException {
        Path events = dir.resolve("demo.ndjson");
        Run export = run("openlineage", "export", "--config", DEMO.toString(), "--out", events.toString());
        assertThat(export.code()).as(export.err()).isZero();
        Pipeline demo = new PipelineLoader(name -> null).load(DEMO);
        assertThat(Files.readAllLines(events)).hasSize(demo.flows().size());
        assertThat(export.err()).contains("openlineage: " + demo.flows().size() + " events", "job namespace headwater.demo", "spec 2-0-2");

        Path config = dir.resolve("imported.yaml");
        Run imported = run("lineage", "--from-openlineage", events.toString(), "--write-config", config.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        Run original = run("lineage", "--config", DEMO.toString());
        // Same systems, datasets, fields and flows; systems come back in the order the events name them.
        assertThat(imported.out().lines().sorted().toList()).isEqualTo(original.out().lines().sorted().toList());
        Run reloaded = run("lineage", "--config", config.toString());
        assertThat(reloaded.code()).as(reloaded.err()).isZero();
        assertThat(reloaded.out()).isEqualTo(imported.out());
    }

    @Test
    void exportPostsEachEventToAnHttpEndpoint() throws IOException {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/lineage", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        server.start();
        try {
            Run export = run("openlineage", "export", "--config", DEMO.toString(), "--url", "http://127.0.0.1:" + server.getAddress().getPort());
            assertThat(export.code()).as(export.err()).isZero();
            assertThat(received).hasSize(new PipelineLoader(name -> null).load(DEMO).flows().size()).allMatch(b -> b.contains("\"job\""));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRefusedEndpointExitsUnreachableNamingHostAndPort() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Run export = run("openlineage", "export", "--config", DEMO.toString(), "--url", "http://127.0.0.1:" + port);
        assertThat(export.code()).isEqualTo(3);
        assertThat(export.err()).contains("127.0.0.1:" + port).contains("unreachable");
    }

    @Test
    void exportPrintsToTheConsoleWithoutATarget() {
        Run export = run("openlineage", "export", "--config", DEMO.toString(), "--namespace", "prod.headwater");
        assertThat(export.code()).isZero();
        List<String> lines = export.out().lines().toList();
        assertThat(lines).isNotEmpty().allMatch(l -> l.startsWith("{") && l.contains("\"namespace\":\"prod.headwater\""));
    }

    @Test
    void importSkipsLinesThatAreNotEventsNamingFileAndLine(@TempDir Path dir) throws IOException {
        Path events = dir.resolve("mixed.ndjson");
        run("openlineage", "export", "--config", DEMO.toString(), "--out", events.toString());
        List<String> lines = new ArrayList<>(Files.readAllLines(events));
        lines.add(1, "{not json");
        lines.add(3, "{\"eventTime\":\"2026-12-04T00:00:00Z\",\"producer\":\"x\",\"job\":{\"name\":\"n\"}}");
        Files.write(events, lines);
        OpenLineageReader.Result read = OpenLineageReader.read(events);
        assertThat(read.events()).hasSize(lines.size() - 2);
        assertThat(read.problems()).containsExactly(events + ":2: not JSON: Unexpected character ('n' (code 110)): was expecting double-quote to start field name",
                events + ":4: 'namespace' is missing");
    }
}
