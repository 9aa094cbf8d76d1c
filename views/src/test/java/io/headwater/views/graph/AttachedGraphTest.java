package io.headwater.views.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.spi.FlowProgress;
import io.headwater.engine.spi.PartitionRef;
import io.headwater.views.common.WorkbenchState;
import io.headwater.views.shell.DemoModel;
import io.headwater.views.shell.FakeWorkbench;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The graph of a pipeline Headwater only observes: attached systems say so, external flows carry their observed lag. */
class AttachedGraphTest {
    private static final Executor SAME_THREAD = Runnable::run;

    private final Pipeline attached = new PipelineLoader(name -> null)
            .load(DemoModel.config().resolveSibling("postgres-debezium.yaml"));
    private GraphViewModel vm;

    @BeforeEach
    void show() {
        vm = new GraphViewModel(new WorkbenchState(), SAME_THREAD, SAME_THREAD);
        vm.show(attached, new FakeWorkbench(attached));
    }

    private GraphNode node(String id) {
        return vm.snapshotProperty().get().node(id).orElseThrow(() -> new AssertionError("no node " + id));
    }

    private GraphEdge edge(String from, String to) {
        return vm.snapshotProperty().get().edges().stream().filter(e -> e.from().equals(from) && e.to().equals(to)).findFirst()
                .orElseThrow(() -> new AssertionError("no edge " + from + " -> " + to));
    }

    @Test
    void attachedSystemsAreLabelledAsSuch() {
        assertThat(node("sys:pg").label()).contains("attached");
        assertThat(node("sys:sink").label()).contains("attached");
    }

    @Test
    void externalFlowsAreDrawnApartWithTheirObservedLag() {
        PartitionRef p0 = new PartitionRef("bank.public.customers", 0);
        FlowProgress sink = new FlowProgress("sink-customers", true, 40, FlowProgress.LagUnit.RECORDS, Map.of(p0, 60L), Map.of(p0, 100L),
                "group bank-sink: 40 records behind");

        vm.updateStatus(List.of(), List.of(sink));

        GraphEdge toSink = edge("sys:kafka", "sys:sink");
        assertThat(toSink.external()).isTrue();
        assertThat(toSink.label()).isEqualTo(sink.lagText());
        assertThat(GraphStyle.classesOf(toSink)).startsWith(GraphStyle.EXTERNAL);
        assertThat(edge("sys:pg", "sys:kafka").label()).as("no position read for the capture yet").isEmpty();
    }
}
