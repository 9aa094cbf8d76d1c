package io.headwater.app.runtime.discover;

import io.headwater.connectors.connect.ConnectRestClient;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.discover.ConnectorState;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Pipeline;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The states of the connectors a pipeline's external flows name ({@code flows[i].connector}), read from
 * the Kafka Connect REST API of its {@code connect} key with GET requests. Immutable.
 *
 * @param connectUrl the REST API asked, or null when the config names none
 * @param states     each named connector's state, in name order; a connector the cluster does not know is
 *                   {@code UNKNOWN} with that said in its trace
 * @param problem    why the cluster could not be asked, or null
 */
public record ConnectorStates(String connectUrl, Map<String, ConnectorState> states, String problem) {
    /** No Kafka Connect cluster named. */
    public static final ConnectorStates NONE = new ConnectorStates(null, Map.of(), null);

    public ConnectorStates {
        states = Collections.unmodifiableMap(new TreeMap<>(states));
    }

    /** Asks the pipeline's Kafka Connect cluster for its flows' connectors; never throws for an unreachable cluster. */
    public static ConnectorStates of(Pipeline pipeline) {
        if (pipeline.connectUrl() == null) {
            return NONE;
        }
        ConnectRestClient client = new ConnectRestClient(pipeline.connectUrl());
        Map<String, ConnectorState> states = new LinkedHashMap<>();
        TreeSet<String> names = new TreeSet<>();
        for (Flow f : pipeline.flows()) {
            f.observe().connectorOpt().ifPresent(names::add);
        }
        try {
            for (String name : names) {
                states.put(name, client.stateOrUnknown(name));
            }
        } catch (HeadwaterException e) {
            return new ConnectorStates(client.baseUrl(), states, e.getMessage());
        }
        return new ConnectorStates(client.baseUrl(), states, null);
    }

    /** The state of {@code connector}, if it was asked for. */
    public ConnectorState state(String connector) {
        return states.getOrDefault(connector, ConnectorState.UNKNOWN);
    }

    /** Whether some connector or task has FAILED. */
    public boolean anyFailed() {
        return states.values().stream().anyMatch(ConnectorState::failed);
    }
}
