package io.headwater.engine.discover;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One connector as its runtime reports it: name, type, configuration, state and the topics it has
 * used (Kafka Connect's topic tracking; empty where that is off or unknown). Immutable.
 *
 * @param name          the connector's name
 * @param type          {@code source}, {@code sink} or {@code unknown}, as the runtime says
 * @param config        its configuration, as submitted (secrets included: never written out)
 * @param state         its state and its tasks', or {@link ConnectorState#UNKNOWN}
 * @param trackedTopics topics the runtime saw it use
 */
public record ConnectorSnapshot(String name, String type, Map<String, String> config, ConnectorState state, List<String> trackedTopics) {
    public ConnectorSnapshot {
        Objects.requireNonNull(name, "name");
        type = type == null ? "unknown" : type;
        config = Map.copyOf(new TreeMap<>(config));
        state = state == null ? ConnectorState.UNKNOWN : state;
        trackedTopics = trackedTopics == null ? List.of() : List.copyOf(trackedTopics);
    }

    /** A connector known only by its configuration. */
    public static ConnectorSnapshot of(String name, Map<String, String> config) {
        return new ConnectorSnapshot(name, "unknown", config, ConnectorState.UNKNOWN, List.of());
    }

    /** The configured {@code connector.class}, or an empty string. */
    public String connectorClass() {
        return config.getOrDefault("connector.class", "");
    }
}
