package io.headwater.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headwater.app.runtime.discover.ConnectorStates;
import io.headwater.engine.discover.ConnectorState;
import io.headwater.engine.discover.ConnectorState.TaskState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How status prints the connectors' states, as text and in its JSON. */
class ConnectorTextTest {
    private static final ConnectorStates STATES = new ConnectorStates("http://connect:8083", Map.of(
            "bank-pg", new ConnectorState("PAUSED", "w1:8083", "", List.of(new TaskState(0, "PAUSED", "w1:8083", ""))),
            "bank-sink", new ConnectorState("RUNNING", "w1:8083", "", List.of(
                    new TaskState(0, "RUNNING", "w1:8083", ""),
                    new TaskState(1, "FAILED", "w2:8083", "org.apache.kafka.connect.errors.ConnectException: table gone\n\tat x.Y.z(Y.java:3)")))),
            null);

    @Test
    void eachConnectorWithItsTasksAndTheFirstLineOfAFailedTasksTrace() {
        String text = ConnectorText.render(STATES);

        assertThat(text).startsWith("connectors (Kafka Connect at http://connect:8083):\n")
                .containsPattern("bank-pg +PAUSED, task 0 PAUSED")
                .containsPattern("bank-sink +RUNNING, tasks 0 RUNNING, 1 FAILED")
                .contains("    task 1: org.apache.kafka.connect.errors.ConnectException: table gone\n")
                .doesNotContain("Y.java");
        assertThat(STATES.anyFailed()).isTrue();
    }

    @Test
    void nothingWhenTheConfigNamesNoCluster() {
        assertThat(ConnectorText.render(ConnectorStates.NONE)).isEmpty();
        assertThat(ConnectorJson.addTo("{\"systems\":[]}", ConnectorStates.NONE)).isEqualTo("{\"systems\":[]}");
    }

    @Test
    void theJsonCarriesStatesTasksAndWholeTraces() throws Exception {
        JsonNode root = StatusJson.MAPPER.readTree(ConnectorJson.addTo("{\"systems\":[]}", STATES));

        assertThat(root.path("connect").asText()).isEqualTo("http://connect:8083");
        JsonNode sink = root.path("connectors").findParents("name").stream().filter(n -> n.path("name").asText().equals("bank-sink"))
                .findFirst().orElseThrow();
        assertThat(sink.path("tasks").get(1).path("state").asText()).isEqualTo("FAILED");
        assertThat(sink.path("tasks").get(1).path("trace").asText()).contains("at x.Y.z(Y.java:3)");
        assertThat(root.path("systems").isArray()).isTrue();
    }
}
