package io.headwater.engine.discover;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.model.LogFormat;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A Debezium Server's application.properties, in the form Debezium Server's documentation gives, read as one source connector. */
class DebeziumServerDiscoveryTest {

    private static Map<String, String> properties() throws IOException {
        Properties p = new Properties();
        try (InputStream in = DebeziumServerDiscoveryTest.class.getResourceAsStream("/discover/debezium-server.properties")) {
            p.load(in);
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    @Test
    void sourceKeysTransformsAndTheKafkaSinksBrokersAreRead() throws IOException {
        DebeziumServerProperties server = DebeziumServerProperties.read(properties());

        assertThat(server.kafkaBootstrap()).isEqualTo("kafka:9092");
        assertThat(server.notUnderstood()).isEmpty();
        DiscoveredPipeline p = new DiscoveryAssembler(new Fixtures.Catalog(), server.kafkaBootstrap())
                .assemble("shop", "Debezium Server", null, List.of(server.connector()));
        DiscoveredPipeline.Dataset topic = p.system("kafka").orElseThrow().dataset("customers").orElseThrow();
        assertThat(topic.name()).isEqualTo("tutorial.public.customers");
        assertThat(topic.format()).isEqualTo(LogFormat.FLATTENED);
        assertThat(p.system("shop").orElseThrow().dataset("customers").orElseThrow().key()).containsExactly("id");
        assertThat(p.flow("capture-customers").orElseThrow().connector()).isEqualTo("debezium-server");
        assertThat(p.system("kafka").orElseThrow().address()).isEqualTo("kafka:9092");
    }

    @Test
    void aSinkOtherThanKafkaIsListedAsNotUnderstood() throws IOException {
        Map<String, String> props = properties();
        props.put("debezium.sink.type", "redis");

        DebeziumServerProperties server = DebeziumServerProperties.read(props);

        assertThat(server.notUnderstood()).extracting(NotUnderstood::item).containsExactly("debezium.sink.type redis");
    }
}
