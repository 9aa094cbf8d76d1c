package io.headwater.app.runtime.discover;

import io.headwater.connectors.connect.ConnectRestClient;
import io.headwater.connectors.connect.InformationSchemaCatalog;
import io.headwater.engine.discover.ConnectorSnapshot;
import io.headwater.engine.discover.DebeziumServerProperties;
import io.headwater.engine.discover.DiscoveredPipeline;
import io.headwater.engine.discover.DiscoveryAssembler;
import io.headwater.engine.discover.DiscoveryYaml;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Discovers the pipeline a Kafka Connect cluster runs: its connectors over the REST API, the tables of
 * the databases they name over read-only connections, assembled into a {@link DiscoveredPipeline} and
 * written as a config. Writes nothing anywhere. Thread-safe: each call works on its own.
 */
public final class ConnectDiscovery {
    private final Map<String, String> environment;

    /** @param environment where the passwords the discovered config names are read from, to read the tables */
    public ConnectDiscovery(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * What discovery found, the config text and how long it took.
     *
     * @param elapsed from the first REST call to the written text
     */
    public record Result(DiscoveredPipeline pipeline, String yaml, Duration elapsed) {
    }

    /**
     * Discovers from the cluster at {@code connectUrl}.
     *
     * @param kafkaBootstrap the brokers' bootstrap servers, or null when not known
     * @param name           the pipeline's name
     * @param dataDir        the {@code data-dir} to write, or null for the default
     */
    public Result fromConnect(String connectUrl, String kafkaBootstrap, String name, String dataDir) {
        long t0 = System.nanoTime();
        ConnectRestClient client = new ConnectRestClient(connectUrl);
        List<ConnectorSnapshot> connectors = client.connectors();
        return assemble(connectors, "Kafka Connect at " + client.baseUrl(), client.baseUrl(), kafkaBootstrap, name, dataDir, t0);
    }

    /**
     * Discovers from a Debezium Server's {@code application.properties}.
     *
     * @param kafkaBootstrap the brokers, or null to take its Kafka sink's
     */
    public Result fromDebeziumServer(DebeziumServerProperties server, String origin, String kafkaBootstrap, String name, String dataDir) {
        long t0 = System.nanoTime();
        DiscoveryAssembler assembler = assembler(kafkaBootstrap != null ? kafkaBootstrap : server.kafkaBootstrap());
        server.notUnderstood().forEach(assembler::notUnderstood);
        return result(assembler.assemble(name, origin, null, List.of(server.connector())), dataDir, t0);
    }

    private Result assemble(List<ConnectorSnapshot> connectors, String origin, String connectUrl, String kafkaBootstrap, String name,
                            String dataDir, long t0) {
        return result(assembler(kafkaBootstrap).assemble(name, origin, connectUrl, connectors), dataDir, t0);
    }

    private DiscoveryAssembler assembler(String kafkaBootstrap) {
        return new DiscoveryAssembler(new InformationSchemaCatalog(environment::get), kafkaBootstrap);
    }

    private static Result result(DiscoveredPipeline pipeline, String dataDir, long t0) {
        return new Result(pipeline, DiscoveryYaml.write(pipeline, dataDir), Duration.ofNanos(System.nanoTime() - t0));
    }
}
