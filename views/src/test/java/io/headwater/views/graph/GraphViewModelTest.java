package io.headwater.views.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.history.VerificationRun;
import io.headwater.engine.lineage.LineageGraph;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.FieldRef;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.status.DatasetStatus;
import io.headwater.engine.status.SystemStatus;
import io.headwater.views.common.FlowState;
import io.headwater.views.common.WorkbenchState;
import io.headwater.views.shell.DemoModel;
import io.headwater.views.shell.FakeWorkbench;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GraphViewModelTest {
    private static final Executor SAME_THREAD = Runnable::run;

    private final Pipeline demo = DemoModel.load();
    private final WorkbenchState state = new WorkbenchState();
    private GraphViewModel vm;

    @BeforeEach
    void showDemo() {
        vm = new GraphViewModel(state, SAME_THREAD, SAME_THREAD);
        vm.show(demo, new FakeWorkbench(demo));
    }

    private GraphSnapshot snap() {
        return vm.snapshotProperty().get();
    }

    private GraphNode node(String id) {
        return snap().node(id).orElseThrow(() -> new AssertionError("no node " + id + " in " + snap().nodesById().keySet()));
    }

    @Test
    void showsEverySystemCollapsedLaidOutFromRecordToDerived() {
        assertThat(snap().nodes()).extracting(GraphNode::id)
                .contains("sys:pg", "sys:kafka", "sys:search", "sys:cache", "sys:analytics", "sys:blobs")
                .allMatch(id -> id.startsWith("sys:"));
        assertThat(node("sys:pg").x()).isLessThan(node("sys:kafka").x());
        assertThat(node("sys:kafka").x()).isLessThan(node("sys:search").x());
        assertThat(node("sys:search").x()).isEqualTo(node("sys:cache").x());
        assertThat(snap().edges()).extracting(GraphEdge::from, GraphEdge::to)
                .contains(org.assertj.core.groups.Tuple.tuple("sys:pg", "sys:kafka"), org.assertj.core.groups.Tuple.tuple("sys:kafka", "sys:search"));
        GraphEdge capture = snap().edges().stream().filter(e -> e.from().equals("sys:pg")).findFirst().orElseThrow();
        assertThat(capture.flows()).contains("capture-customers", "capture-accounts", "capture-transfers", "capture-documents");
    }

    @Test
    void expandingASystemShowsItsDatasetsAndRoutesFlowsToThem() {
        vm.toggle("sys:pg");
        assertThat(snap().nodes()).extracting(GraphNode::id).contains("ds:pg.customers", "ds:pg.accounts", "ds:pg.transfers", "ds:pg.documents");
        assertThat(node("ds:pg.customers").y()).isLessThan(node("sys:pg").y());
        assertThat(snap().edges()).anyMatch(e -> e.from().equals("ds:pg.customers") && e.to().equals("sys:kafka"));
        assertThat(snap().edges()).noneMatch(e -> e.from().equals("sys:pg"));

        vm.toggle("sys:pg");
        assertThat(snap().node("ds:pg.customers")).isEmpty();
    }

    @Test
    void expandingADatasetShowsItsFieldsWithTheirTags() {
        vm.toggle("sys:pg");
        vm.toggle("ds:pg.customers");
        assertThat(node("fld:pg.customers.email").label()).contains("pii:email", "retention:7y");
        assertThat(node("fld:pg.customers.email").kind()).isEqualTo(GraphNodeKind.FIELD);
        assertThat(node("ds:pg.customers").expanded()).isTrue();
    }

    @Test
    void colorsDatasetsAndSystemsByTheWorstStateOfTheirFlows() {
        vm.toggle("sys:search");
        assertThat(node("ds:search.customers").state()).isEqualTo(FlowState.UNKNOWN);
        state.setFlowState("index-customers", FlowState.VERIFIED);
        assertThat(node("ds:search.customers").state()).isEqualTo(FlowState.VERIFIED);
        state.setFlowState("index-customers", FlowState.CORRUPT);
        assertThat(node("ds:search.customers").state()).isEqualTo(FlowState.CORRUPT);
        assertThat(node("sys:search").state()).isEqualTo(FlowState.CORRUPT);
        assertThat(snap().edges()).filteredOn(e -> e.flows().contains("index-customers")).extracting(GraphEdge::state).containsOnly(FlowState.CORRUPT);
        assertThat(node("sys:pg").source()).isTrue();
    }

    @Test
    void statusPollsUpdateSizesLagsAndConnectionState() {
        vm.toggle("sys:search");
        vm.updateStatus(List.of(new SystemStatus("search", SystemKind.LUCENE, Role.DERIVED, true, "embedded", "",
                List.of(new DatasetStatus(new DatasetRef("search", "customers"), 1204, 3, "p0=77")))));
        assertThat(node("ds:search.customers").label()).contains("1,204").contains("lag 3");
        vm.updateStatus(List.of(new SystemStatus("search", SystemKind.LUCENE, Role.DERIVED, false, "embedded", "index locked", List.of())));
        assertThat(node("sys:search").reachable()).isFalse();
        assertThat(node("sys:search").label()).contains("down");
    }

    @Test
    void highlightRevealsTheFieldsAndLightsTheirPath() {
        FieldRef email = FieldRef.parse("pg.customers.email");
        LineageGraph lineage = new LineageGraph(demo);
        var impact = lineage.impact(email);
        List<FieldRef> fields = new ArrayList<>(List.of(email));
        impact.forEach(p -> fields.add(p.target()));
        state.setHighlight(new WorkbenchState.Highlight(email, fields, impact));

        assertThat(node("fld:pg.customers.email").highlighted()).isTrue();
        assertThat(node("fld:search.customers.email").highlighted()).isTrue();
        assertThat(node("fld:cache.customers.email").highlighted()).isTrue();
        assertThat(node("fld:pg.customers.name").highlighted()).isFalse();
        assertThat(snap().edges()).anyMatch(e -> e.fieldHop() && e.from().equals("fld:kafka.customers.email") && e.to().equals("fld:search.customers.email"));

        state.setHighlight(WorkbenchState.Highlight.NONE);
        assertThat(snap().nodes()).noneMatch(GraphNode::highlighted);
    }

    @Test
    void findRevealsSelectsAndAsksToCentreTheNode() {
        assertThat(vm.find("cache.customers.phone")).isTrue();
        assertThat(vm.selectedProperty().get()).isEqualTo("fld:cache.customers.phone");
        assertThat(snap().node("fld:cache.customers.phone")).isPresent();
        assertThat(vm.focusProperty().get().nodeId()).isEqualTo("fld:cache.customers.phone");
        assertThat(vm.detailsProperty().get().title()).isEqualTo("cache.customers.phone");

        assertThat(vm.find("balances")).isTrue();
        assertThat(vm.selectedProperty().get()).isEqualTo("ds:analytics.balances");
        assertThat(vm.suggestions("custom", 5)).contains("pg.customers");
    }

    @Test
    void findSaysSoWhenNothingMatches() {
        assertThat(vm.find("no-such-thing")).isFalse();
        assertThat(vm.messageProperty().get()).contains("no-such-thing");
    }

    @Test
    void detailsOfADerivedDatasetNameItsSizeLagCheckpointAndLastVerification() {
        FakeWorkbench wb = new FakeWorkbench(demo);
        wb.history.add(new VerificationRun(7, Instant.parse("2026-11-25T10:00:00Z"), "demo", "index-customers", "pg.customers",
                "search.customers", "fast", 1204, 1203, 1204, 1, 0, 2, 0, false, 900, "", "{}"));
        vm.attach(wb);
        vm.updateStatus(List.of(new SystemStatus("search", SystemKind.LUCENE, Role.DERIVED, true, "embedded", "",
                List.of(new DatasetStatus(new DatasetRef("search", "customers"), 1203, 0, "demo.public.customers#0=1300")))));
        vm.select("ds:search.customers");

        NodeDetails d = vm.detailsProperty().get();
        assertThat(d.value("Kind")).contains("lucene");
        assertThat(d.value("Size")).isEqualTo("1,203 records");
        assertThat(d.value("Checkpoint lag")).isEqualTo("caught up");
        assertThat(d.value("Checkpoint")).contains("#0=1300");
        assertThat(d.value("Last verification")).contains("index-customers").contains("1 missing").contains("2 mismatched");
        assertThat(d.value("Address")).contains("embedded");
    }

    @Test
    void aThousandNodePipelineExpandsWithoutTwoNodesInOnePlace() {
        Pipeline big = GeneratedPipelines.thousandNodes();
        vm.show(big, null);
        assertThat(snap().nodes()).hasSize(40);
        vm.expandAll(false);
        assertThat(snap().nodes()).hasSize(1000);
        Set<String> places = new HashSet<>();
        snap().nodes().forEach(n -> assertThat(places.add(n.x() + "," + n.y())).as("free place for %s", n.id()).isTrue());
        assertThat(snap().edges()).hasSize(big.flows().size());
    }
}
