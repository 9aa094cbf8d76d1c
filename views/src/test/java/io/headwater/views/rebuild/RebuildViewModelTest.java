package io.headwater.views.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.Row;
import io.headwater.engine.workbench.RebuildReport;
import io.headwater.engine.workbench.TimeTravelReport;
import io.headwater.views.common.FlowState;
import io.headwater.views.common.WorkbenchState;
import io.headwater.views.verify.FakeWorkbench;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RebuildViewModelTest {
    private static final Executor SAME_THREAD = Runnable::run;
    private static final long SECOND = 1_000_000_000L;

    private final FakeWorkbench workbench = new FakeWorkbench();
    private final WorkbenchState state = new WorkbenchState();
    private final AtomicLong nanos = new AtomicLong();
    private final RebuildViewModel vm = new RebuildViewModel(workbench, state, SAME_THREAD, SAME_THREAD, nanos::get);

    @BeforeEach
    void load() {
        vm.load();
    }

    private static RebuildReport report(boolean swapped, int findings) {
        List<io.headwater.engine.integrity.Finding> fs = new ArrayList<>();
        for (int i = 0; i < findings; i++) {
            fs.add(FakeWorkbench.mismatch(i + 1));
        }
        return new RebuildReport(FakeWorkbench.SEARCH, false, 1_000, 990, Duration.ofSeconds(2), FakeWorkbench.result(500, fs), swapped,
                FakeWorkbench.SWAP_STEP);
    }

    @Test
    void selectsTheFirstRebuildableDataset() {
        assertThat(vm.datasets()).containsExactly(FakeWorkbench.SEARCH, FakeWorkbench.BLOBS);
        assertThat(vm.datasetProperty().get()).isEqualTo(FakeWorkbench.SEARCH);
    }

    @Test
    void aSwappedRebuildMarksTheFlowVerified() {
        state.setFlowState(FakeWorkbench.INDEX_FLOW, FlowState.CORRUPT);
        List<FlowState> during = new ArrayList<>();
        workbench.rebuild = (d, c, replay, verify) -> {
            during.add(state.flowState(FakeWorkbench.INDEX_FLOW));
            return report(true, 0);
        };

        vm.run().join();

        assertThat(during).containsExactly(FlowState.IN_FLIGHT);
        assertThat(state.flowState(FakeWorkbench.INDEX_FLOW)).isEqualTo(FlowState.VERIFIED);
        assertThat(vm.decisionProperty().get()).isEqualTo("SWAPPED: the shadow verified clean and replaced the live search.customers");
        assertThat(vm.verificationProperty().get()).startsWith("Shadow verified against the system of record: 500 compared, 0 missing");
        assertThat(vm.statusProperty().get()).contains("1,000 events read, 990 applied in 2.00 s (500 events/s)");
        assertThat(vm.runningProperty().get()).isFalse();
    }

    @Test
    void aRefusedSwapListsTheShadowsFindingsAndKeepsTheEarlierState() {
        state.setFlowState(FakeWorkbench.INDEX_FLOW, FlowState.CORRUPT);
        workbench.rebuild = (d, c, replay, verify) -> report(false, 2);

        vm.rebuild().join();

        assertThat(vm.decisionProperty().get()).startsWith("REFUSED: the shadow has 2 finding(s)");
        assertThat(vm.findings()).hasSize(2);
        assertThat(state.flowState(FakeWorkbench.INDEX_FLOW)).isEqualTo(FlowState.CORRUPT);
    }

    @Test
    void showsEventsPerSecondLagAndEtaWhileReplaying() {
        List<String> seen = new ArrayList<>();
        workbench.rebuild = (d, c, replay, verify) -> {
            replay.progress(0, 10_000, "events");
            nanos.addAndGet(2 * SECOND);
            replay.progress(4_000, 10_000, "events");
            seen.add(vm.progressTextProperty().get());
            seen.add(vm.phaseProperty().get());
            seen.add(String.valueOf(vm.progressProperty().get()));
            verify.progress(0, 500, "rows");
            nanos.addAndGet(SECOND);
            verify.progress(250, 500, "rows");
            seen.add(vm.progressTextProperty().get());
            return report(true, 0);
        };

        vm.rebuild().join();

        assertThat(seen).containsExactly(
                "Step 1 of 3, replaying the log: 4,000 / 10,000 events · 2,000 events/s · ETA 0:03 · lag 6,000",
                "Replaying the log", "0.4",
                "Step 2 of 3, verifying the shadow: 250 / 500 rows · 250 rows/s · ETA 0:01");
    }

    @Test
    void samplesThroughputPerIntervalNotPerEvent() {
        List<Integer> sampleCounts = new ArrayList<>();
        workbench.rebuild = (d, c, replay, verify) -> {
            for (int i = 1; i <= 1_000; i++) {
                replay.progress(i, 1_000, "events");
            }
            nanos.addAndGet(SECOND / 2);
            vm.sample();
            for (int i = 1_001; i <= 1_500; i++) {
                replay.progress(i, 2_000, "events");
            }
            nanos.addAndGet(SECOND / 2);
            vm.sample();
            sampleCounts.add(vm.samples().size());
            return report(true, 0);
        };

        vm.rebuild().join();

        assertThat(sampleCounts).as("the origin and one point per sample").containsExactly(3);
        assertThat(vm.samples().get(0)).isEqualTo(new ThroughputSample(0, 0, 0));
        assertThat(vm.samples().get(1).eventsPerSecond()).isEqualTo(2_000.0);
        assertThat(vm.samples().get(2).eventsPerSecond()).isEqualTo(1_000.0);
        assertThat(vm.samples().get(2).seconds()).isEqualTo(1.0);
    }

    @Test
    void cancellingLeavesTheStateAndSaysTheLiveStoreIsUnchanged() {
        state.setFlowState(FakeWorkbench.INDEX_FLOW, FlowState.VERIFIED);
        workbench.rebuild = (d, c, replay, verify) -> {
            vm.cancel();
            c.check("rebuild");
            return report(true, 0);
        };

        vm.rebuild().join();

        assertThat(state.flowState(FakeWorkbench.INDEX_FLOW)).isEqualTo(FlowState.VERIFIED);
        assertThat(vm.statusProperty().get()).isEqualTo("Rebuild of search.customers cancelled; the live store is unchanged. Run again to resume.");
        assertThat(vm.failureProperty().get()).isNull();
        assertThat(vm.reportProperty().get()).isNull();
    }

    @Test
    void aFailedRebuildReachesTheFailureProperty() {
        workbench.rebuild = (d, c, replay, verify) -> {
            throw new HeadwaterException("kafka unreachable");
        };

        vm.rebuild().join();

        assertThat(vm.failureProperty().get().title()).isEqualTo("Rebuild of search.customers failed");
        assertThat(vm.failureProperty().get().message()).isEqualTo("kafka unreachable");
        assertThat(state.flowState(FakeWorkbench.INDEX_FLOW)).isEqualTo(FlowState.UNKNOWN);
    }

    @Test
    void anOffsetStartMaterialisesTheDatasetAsOfThen() {
        workbench.timeTravel = new TimeTravelReport(FakeWorkbench.dataset(FakeWorkbench.SEARCH), "offset 3", 3, 2,
                List.of(Row.of("id", 1L, "email", "a"), Row.of("id", 2L, "email", "b")));
        vm.startPointProperty().set(StartPoint.OFFSET);
        vm.startValueProperty().set(" 3 ");

        vm.run().join();

        assertThat(workbench.calls).contains("materialize search.customers offset 3").noneMatch(c -> c.startsWith("rebuild"));
        assertThat(vm.rows()).hasSize(2);
        assertThat(vm.columns()).containsExactly("id", "email");
        assertThat(vm.statusProperty().get()).isEqualTo("search.customers as of offset 3: 2 rows (3 events applied)");
    }

    @Test
    void anInvalidInstantIsExplainedWithoutCallingTheEngine() {
        vm.startPointProperty().set(StartPoint.INSTANT);
        vm.startValueProperty().set("yesterday");

        vm.run().join();

        assertThat(vm.failureProperty().get().message()).isEqualTo("'yesterday' is not an instant: enter it like 2026-11-25T10:00:00Z");
        assertThat(workbench.calls).noneMatch(c -> c.startsWith("materialize"));
    }

    @Test
    void showsTheSwapStepPlannedBeforeTheReplayAndDoneAfterASwap() {
        List<String> during = new ArrayList<>();
        workbench.rebuild = (d, c, replay, verify) -> {
            during.add(vm.swap().textProperty().get());
            during.add(vm.swap().stageProperty().get().name());
            return report(true, 0);
        };

        vm.rebuild().join();

        assertThat(during).containsExactly("Step 3 of 3, swap: " + FakeWorkbench.SWAP_STEP, "PLANNED");
        assertThat(vm.swap().textProperty().get()).isEqualTo("Step 3 of 3, swap: " + FakeWorkbench.SWAP_STEP);
        assertThat(vm.swap().stageProperty().get()).isEqualTo(SwapStage.DONE);
    }

    @Test
    void aRefusedSwapKeepsTheStepAndSaysItWasRefused() {
        workbench.rebuild = (d, c, replay, verify) -> report(false, 1);

        vm.rebuild().join();

        assertThat(vm.swap().textProperty().get()).endsWith(FakeWorkbench.SWAP_STEP);
        assertThat(vm.swap().stageProperty().get()).isEqualTo(SwapStage.REFUSED);
    }

    @Test
    void aCancelledRebuildNeverReachedTheSwapAndTheNextRebuildStartsAfresh() {
        workbench.rebuild = (d, c, replay, verify) -> {
            vm.cancel();
            c.check("rebuild");
            return report(true, 0);
        };
        vm.rebuild().join();
        assertThat(vm.swap().stageProperty().get()).isEqualTo(SwapStage.NOT_REACHED);

        List<SwapStage> atStart = new ArrayList<>();
        workbench.rebuild = (d, c, replay, verify) -> {
            atStart.add(vm.swap().stageProperty().get());
            return report(true, 0);
        };
        vm.rebuild().join();
        assertThat(atStart).containsExactly(SwapStage.PLANNED);
        assertThat(vm.swap().stageProperty().get()).isEqualTo(SwapStage.DONE);
    }
}
