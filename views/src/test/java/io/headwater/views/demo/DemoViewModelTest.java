package io.headwater.views.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.faults.Fault;
import io.headwater.engine.workbench.ScenarioVerdict;
import io.headwater.views.common.FlowState;
import io.headwater.views.common.WorkbenchState;
import io.headwater.views.verify.FakeWorkbench;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoViewModelTest {
    private static final Executor SAME_THREAD = Runnable::run;

    private final FakeWorkbench workbench = new FakeWorkbench();
    private final WorkbenchState state = new WorkbenchState();
    private final DemoViewModel vm = new DemoViewModel(workbench, state, SAME_THREAD, SAME_THREAD,
            Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));

    @BeforeEach
    void load() {
        vm.load();
    }

    private List<String> texts() {
        return vm.narration().stream().map(NarrationLine::text).toList();
    }

    @Test
    void offersTruncateBlobOnlyForABlobStore() {
        assertThat(vm.datasetProperty().get()).isEqualTo(FakeWorkbench.SEARCH);
        assertThat(vm.faults()).doesNotContain(Fault.TRUNCATE_BLOB).contains(Fault.CORRUPT, Fault.DROP_EVENT);
        vm.datasetProperty().set(FakeWorkbench.BLOBS);
        assertThat(vm.faults()).contains(Fault.TRUNCATE_BLOB);
    }

    @Test
    void aFaultIsNarratedButLeavesTheFlowStateUntilVerified() {
        state.setFlowState(FakeWorkbench.INDEX_FLOW, FlowState.VERIFIED);
        vm.countProperty().set(2);

        vm.inject(Fault.CORRUPT);

        assertThat(workbench.calls).contains("inject CORRUPT search.customers 2");
        assertThat(state.flowState(FakeWorkbench.INDEX_FLOW)).isEqualTo(FlowState.VERIFIED);
        assertThat(vm.pendingFlows()).containsExactly(FakeWorkbench.INDEX_FLOW);
        assertThat(texts()).contains("▶ Corrupt records × 2 in search.customers",
                "Changed a field of 2 record(s) of search.customers behind the pipeline's back.",
                "    key 1: email: 'a' -> 'b'");
        assertThat(texts().get(texts().size() - 1)).startsWith("The graph does not change yet");
    }

    @Test
    void verifyNowMarksTheDamagedFlowCorrupt() {
        vm.inject(Fault.CORRUPT);
        List<FlowState> during = new ArrayList<>();
        workbench.verify = (flow, c, p, s, b) -> {
            during.add(state.flowState(flow));
            return FakeWorkbench.result(200, List.of(FakeWorkbench.mismatch(1)));
        };

        vm.verifyNow();

        assertThat(during).containsExactly(FlowState.IN_FLIGHT);
        assertThat(state.flowState(FakeWorkbench.INDEX_FLOW)).isEqualTo(FlowState.CORRUPT);
        assertThat(vm.pendingFlows()).isEmpty();
        assertThat(vm.narration().get(vm.narration().size() - 1).kind()).isEqualTo(NarrationLine.Kind.BAD);
        assertThat(texts().get(texts().size() - 1)).startsWith("index-customers is CORRUPT (200 compared: 0 missing, 0 extra, 1 mismatched");
    }

    @Test
    void verifyNowWithoutAFaultVerifiesTheChosenDatasetsFlow() {
        workbench.verify = (flow, c, p, s, b) -> FakeWorkbench.result(200, List.of());

        vm.verifyNow();

        assertThat(workbench.calls).contains("verify " + FakeWorkbench.INDEX_FLOW);
        assertThat(state.flowState(FakeWorkbench.INDEX_FLOW)).isEqualTo(FlowState.VERIFIED);
    }

    @Test
    void stopsAndRestartsAConsumer() {
        ConsumerSwitch consumer = vm.consumers().stream().filter(c -> c.flowId().equals(FakeWorkbench.INDEX_FLOW)).findFirst().orElseThrow();
        assertThat(consumer.isRunning()).isTrue();

        vm.toggleConsumer(consumer);
        assertThat(consumer.isRunning()).isFalse();
        assertThat(workbench.consumerRunning(FakeWorkbench.INDEX_FLOW)).isFalse();
        vm.toggleConsumer(consumer);

        assertThat(consumer.isRunning()).isTrue();
        assertThat(workbench.calls).containsSubsequence("consumer index-customers false", "consumer index-customers true");
    }

    @Test
    void aScenarioStreamsItsNarrationAndShowsTheVerdict() {
        workbench.scenario = narration -> {
            narration.accept("corrupting 3 rows of search.customers");
            narration.accept("verifying: 3 mismatched");
        };
        workbench.verdict = new ScenarioVerdict("break-and-heal", true, "VERDICT: held — the rebuilt index verified clean");

        vm.runScenario("break-and-heal");

        assertThat(texts()).containsSubsequence("▶ Scenario break-and-heal", "corrupting 3 rows of search.customers",
                "verifying: 3 mismatched", "VERDICT: held — the rebuilt index verified clean");
        assertThat(vm.verdictProperty().get().held()).isTrue();
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void aFailedInjectionReachesTheFailurePropertyAndTheNarration() {
        workbench.failure = new HeadwaterException("search.customers is not open");

        vm.inject(Fault.DELETE);

        assertThat(vm.failureProperty().get().message()).isEqualTo("search.customers is not open");
        assertThat(texts().get(texts().size() - 1)).isEqualTo("The fault could not be injected: search.customers is not open");
        assertThat(vm.pendingFlows()).isEmpty();
    }
}
