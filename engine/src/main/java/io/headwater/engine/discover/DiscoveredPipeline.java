package io.headwater.engine.discover;

import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.LogFormat;
import io.headwater.engine.model.RedisLayout;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pipeline found by discovery, in the shape of a config: systems with datasets, flows that run
 * outside Headwater, the connectors it came from with their states, the comments where discovery
 * guessed, and what it did not understand. Immutable.
 *
 * @param name          the pipeline's name
 * @param origin        where it was discovered: {@code Kafka Connect at http://...}
 * @param connectUrl    the Kafka Connect REST API its connectors run in, or null (Debezium Server)
 * @param connectors    the connectors read, with their states
 * @param systems       its systems
 * @param flows         its flows, all {@code runs: external}
 * @param notUnderstood what was read but not understood, by name
 */
public record DiscoveredPipeline(String name, String origin, String connectUrl, List<ConnectorSnapshot> connectors, List<System> systems, List<Flow> flows,
                                 List<NotUnderstood> notUnderstood) {
    public DiscoveredPipeline {
        connectors = List.copyOf(connectors);
        systems = List.copyOf(systems);
        flows = List.copyOf(flows);
        notUnderstood = List.copyOf(notUnderstood);
    }

    public Optional<System> system(String id) {
        return systems.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<Flow> flow(String id) {
        return flows.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /**
     * A system.
     *
     * @param passwordVariable the environment variable its password is read from, or null for none
     * @param comments         where discovery guessed about it
     */
    public record System(String id, SystemKind kind, Role role, String address, String database, String user, String passwordVariable,
                         List<Dataset> datasets, List<String> comments) {
        public System {
            datasets = List.copyOf(datasets);
            comments = List.copyOf(comments);
        }

        public Optional<Dataset> dataset(String id) {
            return datasets.stream().filter(d -> d.id().equals(id)).findFirst();
        }
    }

    /**
     * A dataset: a table, a topic, an index, a Redis key space.
     *
     * @param key       its key fields; empty on a topic (it takes its cdc source's)
     * @param fields    its fields in order; empty on a topic
     * @param format    a topic's format, or null
     * @param layout    a Redis dataset's layout, or null
     * @param keyPrefix a Redis dataset's key prefix, or null
     * @param comments  where discovery guessed about it
     */
    public record Dataset(String id, String name, List<String> key, Map<String, FieldType> fields, LogFormat format, RedisLayout layout,
                          String keyPrefix, List<String> comments) {
        public Dataset {
            key = List.copyOf(key);
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
            comments = List.copyOf(comments);
        }
    }

    /**
     * A flow that runs outside Headwater.
     *
     * @param from          {@code system.dataset}
     * @param to            {@code system.dataset}
     * @param connector     the connector running it
     * @param slot          a cdc flow's replication slot, or null
     * @param consumerGroup a consume flow's consumer group, or null
     * @param comments      where discovery guessed about it
     */
    public record Flow(String id, FlowKind kind, String from, String to, String connector, String slot, String consumerGroup,
                       List<String> comments) {
        public Flow {
            comments = List.copyOf(comments);
        }
    }
}
