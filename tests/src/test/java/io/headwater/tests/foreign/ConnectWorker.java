package io.headwater.tests.foreign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headwater.connectors.embedded.PortFile;
import java.io.IOException;
import java.io.Writer;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A Kafka Connect worker in distributed mode ({@code ConnectDistributed}) in its own JVM, with the REST
 * API on a free port of 127.0.0.1 and the connectors of the classpath (Debezium's PostgreSQL connector,
 * the JSON converter, the transforms) found through their service manifests. Its three internal topics
 * have one partition and replication factor 1.
 *
 * <p>Thread-safe: the REST calls may come from any thread.
 */
final class ConnectWorker implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final ChildJvm jvm;
    private final String restUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ConnectWorker(ChildJvm jvm, String restUrl) {
        this.jvm = jvm;
        this.restUrl = restUrl;
    }

    /** Writes the worker's properties into {@code dir} and starts the worker; returns once its REST API answers. */
    static ConnectWorker start(String bootstrapServers, String groupId, Path dir, Duration timeout) {
        int port = PortFile.freePort();
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrapServers);
        p.setProperty("group.id", groupId);
        p.setProperty("config.storage.topic", groupId + "-configs");
        p.setProperty("offset.storage.topic", groupId + "-offsets");
        p.setProperty("status.storage.topic", groupId + "-status");
        p.setProperty("config.storage.replication.factor", "1");
        p.setProperty("offset.storage.replication.factor", "1");
        p.setProperty("status.storage.replication.factor", "1");
        p.setProperty("offset.storage.partitions", "1");
        p.setProperty("status.storage.partitions", "1");
        p.setProperty("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        p.setProperty("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        p.setProperty("key.converter.schemas.enable", "false");
        p.setProperty("value.converter.schemas.enable", "false");
        // Debezium confirms the slot's position when Connect commits source offsets: every second, not every minute
        p.setProperty("offset.flush.interval.ms", "1000");
        p.setProperty("listeners", "http://127.0.0.1:" + port);
        p.setProperty("rest.advertised.host.name", "127.0.0.1");
        p.setProperty("rest.advertised.port", Integer.toString(port));
        p.setProperty("plugin.discovery", "service_load");
        p.setProperty("scheduled.rebalance.max.delay.ms", "0");
        Path properties = dir.resolve("connect-worker.properties");
        try {
            Files.createDirectories(dir);
            try (Writer w = Files.newBufferedWriter(properties, StandardCharsets.UTF_8)) {
                p.store(w, "Kafka Connect worker of a foreign pipeline");
            }
        } catch (IOException e) {
            throw new ForeignPipelineException("cannot write " + properties + ": " + e.getMessage(), e);
        }
        ChildJvm jvm = ChildJvm.launch("Kafka Connect", "org.apache.kafka.connect.cli.ConnectDistributed",
                List.of(properties.toString()), "768m",
                List.of("org.slf4j.simpleLogger.defaultLogLevel=info", "org.slf4j.simpleLogger.log.org.apache.kafka=info",
                        "org.slf4j.simpleLogger.log.org.apache.kafka.clients=warn", "org.slf4j.simpleLogger.log.io.debezium=info",
                        "org.slf4j.simpleLogger.log.org.eclipse.jetty=warn", "org.slf4j.simpleLogger.log.org.reflections=warn"),
                dir.resolve("connect.log"));
        ConnectWorker worker = new ConnectWorker(jvm, "http://127.0.0.1:" + port);
        try {
            worker.awaitRestApi(timeout);
        } catch (RuntimeException e) {
            jvm.close();
            throw e;
        }
        return worker;
    }

    String restUrl() {
        return restUrl;
    }

    ChildJvm jvm() {
        return jvm;
    }

    private void awaitRestApi(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            jvm.checkAlive();
            Response r = tryCall("GET", "/connectors", null);
            if (r != null && r.status() == 200) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new ForeignPipelineException("the Kafka Connect REST API at " + restUrl + " did not answer within "
                        + timeout.toSeconds() + " s; end of " + jvm.log() + ":\n" + jvm.tail(30));
            }
            Waits.pause(200);
        }
    }

    /**
     * Creates or replaces a connector ({@code PUT /connectors/NAME/config}), retrying while the worker's
     * group is still rebalancing (409).
     */
    void putConnector(String name, Map<String, String> config, Duration timeout) {
        String body;
        try {
            body = JSON.writeValueAsString(config);
        } catch (IOException e) {
            throw new ForeignPipelineException("cannot write the config of connector " + name + " as JSON", e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Response r = call("PUT", "/connectors/" + name + "/config", body);
            if (r.status() == 200 || r.status() == 201) {
                return;
            }
            if (r.status() != 409 || System.nanoTime() > deadline) {
                throw new ForeignPipelineException("Kafka Connect refused connector " + name + ": HTTP " + r.status() + " " + r.body());
            }
            Waits.pause(200);
        }
    }

    /** {@code GET /connectors/NAME/status}, or null when there is no such connector. */
    JsonNode status(String name) {
        Response r = call("GET", "/connectors/" + name + "/status", null);
        if (r.status() == 404) {
            return null;
        }
        if (r.status() != 200) {
            throw new ForeignPipelineException("status of connector " + name + ": HTTP " + r.status() + " " + r.body());
        }
        return r.json();
    }

    /** Waits until the connector and each of its (at least one) tasks are RUNNING; fails at once on FAILED. */
    void awaitRunning(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            jvm.checkAlive();
            JsonNode status = status(name);
            if (status != null) {
                String connector = status.path("connector").path("state").asText();
                JsonNode tasks = status.path("tasks");
                boolean tasksRunning = tasks.size() > 0;
                for (JsonNode task : tasks) {
                    if (task.path("state").asText().equals("FAILED")) {
                        throw new ForeignPipelineException("task " + task.path("id").asText() + " of connector " + name
                                + " FAILED: " + task.path("trace").asText());
                    }
                    tasksRunning &= task.path("state").asText().equals("RUNNING");
                }
                if (connector.equals("FAILED")) {
                    throw new ForeignPipelineException("connector " + name + " FAILED: " + status.path("connector").path("trace").asText());
                }
                if (connector.equals("RUNNING") && tasksRunning) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new ForeignPipelineException("connector " + name + " is not RUNNING after " + timeout.toSeconds()
                        + " s: " + status);
            }
            Waits.pause(100);
        }
    }

    /** {@code PUT /connectors/NAME/pause}: the connector and its tasks go PAUSED. */
    void pause(String name) {
        Response r = call("PUT", "/connectors/" + name + "/pause", null);
        if (r.status() != 202 && r.status() != 204) {
            throw new ForeignPipelineException("cannot pause connector " + name + ": HTTP " + r.status() + " " + r.body());
        }
    }

    /** {@code PUT /connectors/NAME/resume}. */
    void resume(String name) {
        Response r = call("PUT", "/connectors/" + name + "/resume", null);
        if (r.status() != 202 && r.status() != 204) {
            throw new ForeignPipelineException("cannot resume connector " + name + ": HTTP " + r.status() + " " + r.body());
        }
    }

    /** Waits until the connector's own state and every task's state is {@code state}, or some task is in it when {@code anyTask}. */
    void awaitState(String name, String state, boolean anyTask, Duration timeout) {
        Waits.until("connector " + name + " to be " + state, timeout, () -> {
            jvm.checkAlive();
            JsonNode s = status(name);
            if (s == null) {
                return false;
            }
            boolean tasksAll = s.path("tasks").size() > 0;
            boolean tasksAny = false;
            for (JsonNode t : s.path("tasks")) {
                tasksAll &= t.path("state").asText().equals(state);
                tasksAny |= t.path("state").asText().equals(state);
            }
            return anyTask ? tasksAny : s.path("connector").path("state").asText().equals(state) && tasksAll;
        }, () -> String.valueOf(status(name)));
    }

    /** {@code DELETE /connectors/NAME} and waits until the worker no longer lists it; no connector is fine. */
    void deleteConnector(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Response r = call("DELETE", "/connectors/" + name, null);
            if (r.status() == 204 || r.status() == 404) {
                break;
            }
            if (r.status() != 409 || System.nanoTime() > deadline) {
                throw new ForeignPipelineException("cannot delete connector " + name + ": HTTP " + r.status() + " " + r.body());
            }
            Waits.pause(200);
        }
        while (status(name) != null) {
            if (System.nanoTime() > deadline) {
                throw new ForeignPipelineException("connector " + name + " is still listed " + timeout.toSeconds() + " s after its deletion");
            }
            Waits.pause(100);
        }
    }

    private Response call(String method, String path, String body) {
        Response r = tryCall(method, path, body);
        if (r == null) {
            jvm.checkAlive();
            throw new ForeignPipelineException("Kafka Connect at " + restUrl + " refused the connection for " + method + " " + path);
        }
        return r;
    }

    /** The response, or null when nothing listens yet. */
    private Response tryCall(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(restUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (ConnectException e) {
            return null;
        } catch (IOException e) {
            throw new ForeignPipelineException(method + " " + restUrl + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ForeignPipelineException("interrupted during " + method + " " + restUrl + path, e);
        }
    }

    @Override
    public void close() {
        jvm.close();
    }

    private record Response(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new ForeignPipelineException("Kafka Connect answered with invalid JSON: " + body, e);
            }
        }
    }
}
