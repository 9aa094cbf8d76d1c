package io.headwater.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headwater.app.runtime.discover.ConnectorStates;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.discover.ConnectorState;
import java.io.IOException;
import java.util.Map;

/** The JSON form of the connectors' states, added to {@code status --json}: {@code connect} and {@code connectors}. */
final class ConnectorJson {
    private ConnectorJson() {
    }

    /** {@code statusJson} with the connectors added; unchanged when the config names no Kafka Connect cluster. */
    static String addTo(String statusJson, ConnectorStates states) {
        if (states.connectUrl() == null) {
            return statusJson;
        }
        try {
            ObjectNode root = (ObjectNode) StatusJson.MAPPER.readTree(statusJson);
            root.put("connect", states.connectUrl());
            if (states.problem() != null) {
                root.put("connectProblem", states.problem());
            }
            ArrayNode list = root.putArray("connectors");
            for (Map.Entry<String, ConnectorState> e : states.states().entrySet()) {
                ConnectorState s = e.getValue();
                ObjectNode c = list.addObject().put("name", e.getKey()).put("state", s.state()).put("worker", s.workerId())
                        .put("trace", s.trace());
                ArrayNode tasks = c.putArray("tasks");
                s.tasks().forEach(t -> tasks.addObject().put("id", t.id()).put("state", t.state()).put("worker", t.workerId())
                        .put("trace", t.trace()));
            }
            return StatusJson.MAPPER.writeValueAsString(root);
        } catch (IOException | ClassCastException e) {
            throw new HeadwaterException("cannot add the connectors to the status JSON: " + e.getMessage(), e);
        }
    }
}
