package io.headwater.engine.discover;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.model.Pipeline;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Discovers fixtures against the fixture catalog, writes the YAML and loads it back with the real loader. */
final class DiscoveryTesting {
    private DiscoveryTesting() {
    }

    record Result(DiscoveredPipeline pipeline, String yaml, Pipeline loaded) {
    }

    static Result discover(String... files) {
        List<ConnectorSnapshot> connectors = Arrays.stream(files).map(Fixtures::connector).toList();
        DiscoveredPipeline p = new DiscoveryAssembler(new Fixtures.Catalog(), "kafka:9092").assemble("shop", "the fixtures " + List.of(files),
                "http://connect:8083", connectors);
        String yaml = DiscoveryYaml.write(p, "/tmp/hw-discover-test");
        Map<String, String> env = new HashMap<>();
        p.systems().stream().filter(s -> s.passwordVariable() != null).forEach(s -> env.put(s.passwordVariable(), "pw"));
        Pipeline loaded = PipelineLoader.withEnvironment(env).parse(yaml, "discovered.yaml", Path.of("/tmp"));
        assertThat(loaded.flows()).as(yaml).hasSize(p.flows().size());
        assertThat(loaded.connectUrl()).isEqualTo("http://connect:8083");
        return new Result(p, yaml, loaded);
    }

    static List<String> topicNames(Result r) {
        return r.pipeline().system(DiscoveryAssembler.KAFKA_ID).orElseThrow().datasets().stream().map(DiscoveredPipeline.Dataset::name).toList();
    }
}
