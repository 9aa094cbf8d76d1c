package io.headwater.views.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.discover.ConnectorState;
import io.headwater.engine.discover.ConnectorState.TaskState;
import io.headwater.engine.model.Pipeline;
import io.headwater.views.common.WorkbenchState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The details pane of a dataset that a Kafka Connect connector keeps: the connector's state, its tasks, a failed task's trace. */
class ConnectorDetailsTest {
    private static final Pipeline DISCOVERED = new PipelineLoader().parse("""
            pipeline: bank
            connect: http://connect:8083
            systems:
              - id: src
                kind: postgres
                role: record
                address: db:5432
                database: bank
                user: cdc
                datasets:
                  - { id: customers, name: public.customers, key: id, fields: { id: integer, email: string } }
              - id: kafka
                kind: kafka
                role: log
                address: kafka:9092
                datasets:
                  - { id: customers, name: bank.public.customers }
              - id: sink
                kind: postgres
                role: derived
                address: db:5432
                database: copy
                user: writer
                datasets:
                  - { id: customers, name: public.customers, key: id, fields: { id: integer, email: string } }
            flows:
              - { id: capture-customers, kind: cdc, from: src.customers, to: kafka.customers, runs: external, connector: bank-pg, slot: s }
              - { id: sink-customers, kind: consume, from: kafka.customers, to: sink.customers, runs: external, connector: bank-sink,
                  consumer-group: connect-bank-sink }
            """, "bank.yaml", Path.of("/tmp"));

    private final GraphViewModel vm = new GraphViewModel(new WorkbenchState(), Runnable::run, Runnable::run);

    @Test
    void aFailedTasksTraceAndTheConnectorsStateAreInTheSinkDatasetsDetails() {
        vm.show(DISCOVERED, null);
        ConnectorState failed = new ConnectorState("RUNNING", "w1:8083", "", List.of(
                new TaskState(0, "FAILED", "w1:8083", "org.apache.kafka.connect.errors.ConnectException: table gone\n\tat x.y(Z.java:1)")));
        vm.updateStatus(List.of(), List.of(), Map.of("bank-sink", failed, "bank-pg", new ConnectorState("PAUSED", "w1:8083", "",
                List.of(new TaskState(0, "PAUSED", "w1:8083", "")))));

        vm.select("ds:sink.customers");
        NodeDetails sink = vm.detailsProperty().get();
        assertThat(sink.value("Connector")).isEqualTo("bank-sink: RUNNING, task 0 FAILED");
        assertThat(sink.value("Connector error")).startsWith("task 0 (w1:8083): org.apache.kafka.connect.errors.ConnectException: table gone")
                .contains("at x.y(Z.java:1)");

        assertThat(vm.snapshotProperty().get().edges()).extracting(GraphEdge::label).anyMatch(l -> l.startsWith("connector FAILED"))
                .anyMatch(l -> l.startsWith("connector PAUSED"));

        vm.select("ds:kafka.customers");
        assertThat(vm.detailsProperty().get().value("Connector")).isEqualTo("bank-pg: PAUSED, task 0 PAUSED");
        assertThat(vm.detailsProperty().get().value("Connector error")).isEmpty();
    }
}
