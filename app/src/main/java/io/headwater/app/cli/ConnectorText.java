package io.headwater.app.cli;

import io.headwater.app.runtime.discover.ConnectorStates;
import io.headwater.engine.discover.ConnectorState;
import java.util.Map;

/** The text form of the connectors' states: one line per connector, the first line of each failure's trace under it. */
final class ConnectorText {
    private ConnectorText() {
    }

    static String render(ConnectorStates states) {
        if (states.connectUrl() == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder("connectors (Kafka Connect at ").append(states.connectUrl()).append("):\n");
        if (states.problem() != null) {
            sb.append("  not reachable: ").append(states.problem()).append('\n');
        }
        for (Map.Entry<String, ConnectorState> e : states.states().entrySet()) {
            ConnectorState s = e.getValue();
            sb.append(String.format("  %-24s %s%n", e.getKey(), s.summary()));
            if (!s.trace().isEmpty()) {
                sb.append("    ").append(firstLine(s.trace())).append('\n');
            }
            for (ConnectorState.TaskState t : s.tasks()) {
                if (!t.trace().isEmpty()) {
                    sb.append("    task ").append(t.id()).append(": ").append(firstLine(t.trace())).append('\n');
                }
            }
        }
        return sb.toString();
    }

    static String firstLine(String trace) {
        int nl = trace.indexOf('\n');
        return (nl < 0 ? trace : trace.substring(0, nl)).strip();
    }
}
