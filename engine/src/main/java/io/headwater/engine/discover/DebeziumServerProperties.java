package io.headwater.engine.discover;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Debezium Server's {@code application.properties} read as one source connector: the
 * {@code debezium.source.*} keys are the connector's configuration, {@code debezium.transforms*} its
 * transforms; {@code debezium.sink.type} says where the events go, and only {@code kafka} makes topics
 * Headwater can read ({@code debezium.sink.kafka.producer.bootstrap.servers} names the brokers).
 * Immutable.
 *
 * @param connector      the source connector, named {@code debezium-server} unless {@code debezium.source.name} says otherwise
 * @param sinkType       {@code debezium.sink.type}
 * @param kafkaBootstrap the Kafka sink's bootstrap servers, or null
 * @param notUnderstood  what was not understood (a sink other than Kafka)
 */
public record DebeziumServerProperties(ConnectorSnapshot connector, String sinkType, String kafkaBootstrap, List<NotUnderstood> notUnderstood) {
    private static final String SOURCE = "debezium.source.";
    private static final String TRANSFORMS = "debezium.transforms";

    public DebeziumServerProperties {
        notUnderstood = List.copyOf(notUnderstood);
    }

    /** Reads the properties of one Debezium Server. */
    public static DebeziumServerProperties read(Map<String, String> properties) {
        Map<String, String> config = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            if (k.startsWith(SOURCE)) {
                config.put(k.substring(SOURCE.length()), v.trim());
            } else if (k.equals(TRANSFORMS) || k.startsWith(TRANSFORMS + ".")) {
                config.put("transforms" + k.substring(TRANSFORMS.length()), v.trim());
            }
        });
        String name = config.getOrDefault("name", "debezium-server");
        String sinkType = properties.getOrDefault("debezium.sink.type", "").trim();
        List<NotUnderstood> unread = new ArrayList<>();
        if (!sinkType.equals("kafka")) {
            unread.add(new NotUnderstood(name, "debezium.sink.type " + (sinkType.isEmpty() ? "(not set)" : sinkType),
                    "events do not go to Kafka topics; the topics below name where Debezium Server sends them, which Headwater cannot read"));
        }
        String bootstrap = properties.get("debezium.sink.kafka.producer.bootstrap.servers");
        return new DebeziumServerProperties(new ConnectorSnapshot(name, "source", config, ConnectorState.UNKNOWN, List.of()), sinkType,
                bootstrap == null ? null : bootstrap.trim(), unread);
    }
}
