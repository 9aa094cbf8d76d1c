package io.headwater.views.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.history.VerificationRun;
import io.headwater.engine.integrity.KeyRange;
import io.headwater.engine.integrity.SegmentChecksum;
import io.headwater.engine.model.Row;
import io.headwater.views.common.FlowState;
import io.headwater.views.common.WorkbenchState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyViewModelTest {
    private static final Executor SAME_THREAD = Runnable::run;
    private static final long SECOND = 1_000_000_000L;

    private final FakeWorkbench workbench = new FakeWorkbench();
    private final WorkbenchState state = new WorkbenchState();
    private final AtomicLong nanos = new AtomicLong();
    private final VerifyViewModel vm = new VerifyViewModel(workbench, state, SAME_THREAD, SAME_THREAD, nanos::get,
            Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void loadsTheVerifiableFlowsAndTheHistory() {
        workbench.history = List.of(run(7));
        vm.load();
        assertThat(vm.flowChoices()).extracting(FlowChoice::id).containsExactly(FakeWorkbench.INDEX_FLOW, FakeWorkbench.BLOB_FLOW);
        assertThat(vm.history()).extracting(VerificationRun::id).containsExactly(7L);
    }

    @Test
    void verifiesEveryFlowAndMarksThemVerifiedOrCorrupt() {
        vm.load();
        workbench.verify = (flow, c, p, s, b) -> flow.equals(FakeWorkbench.INDEX_FLOW) ? FakeWorkbench.result(100, List.of())
                : FakeWorkbench.result(100, List.of(FakeWorkbench.mismatch(5)));

        vm.run().join();

        assertThat(state.flowState(FakeWorkbench.INDEX_FLOW)).isEqualTo(FlowState.VERIFIED);
        assertThat(state.flowState(FakeWorkbench.BLOB_FLOW)).isEqualTo(FlowState.CORRUPT);
        assertThat(vm.results()).extracting(FlowResult::flowId, FlowResult::mismatched)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FakeWorkbench.INDEX_FLOW, 0L), org.assertj.core.groups.Tuple.tuple(FakeWorkbench.BLOB_FLOW, 1L));
        assertThat(vm.statusProperty().get()).isEqualTo("Done: 1 clean, 1 corrupt");
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(workbench.calls).containsSubsequence("verify " + FakeWorkbench.INDEX_FLOW, "verify " + FakeWorkbench.BLOB_FLOW, "history");
    }

    @Test
    void verifiesOnlyTheTickedFlowsWhenAllIsOff() {
        vm.load();
        workbench.verify = (flow, c, p, s, b) -> FakeWorkbench.result(10, List.of());
        vm.allFlowsProperty().set(false);
        vm.flowChoices().get(1).setSelected(true);

        vm.run().join();

        assertThat(workbench.calls).contains("verify " + FakeWorkbench.BLOB_FLOW).doesNotContain("verify " + FakeWorkbench.INDEX_FLOW);
        assertThat(state.flowState(FakeWorkbench.INDEX_FLOW)).isEqualTo(FlowState.UNKNOWN);
    }

    @Test
    void showsTheFlowInFlightWithRowsPerSecondAndEta() {
        vm.load();
        List<String> seen = new ArrayList<>();
        workbench.verify = (flow, c, p, s, b) -> {
            seen.add(state.flowState(flow).name());
            nanos.addAndGet(2 * SECOND);
            p.progress(1_000, 4_000, "rows");
            seen.add(vm.progressTextProperty().get());
            seen.add(String.valueOf(vm.progressProperty().get()));
            nanos.addAndGet(10_000_000);
            p.progress(1_010, 4_000, "rows");
            seen.add(vm.progressTextProperty().get());
            return FakeWorkbench.result(4_000, List.of());
        };

        vm.verify(List.of(FakeWorkbench.INDEX_FLOW)).join();

        assertThat(seen.get(0)).isEqualTo("IN_FLIGHT");
        assertThat(seen.get(1)).isEqualTo("Flow 1 of 1, index-customers: 1,000 / 4,000 rows · 500 rows/s · ETA 0:06");
        assertThat(seen.get(2)).isEqualTo("0.25");
        assertThat(seen.get(3)).as("a report 10 ms later is not handed to the UI").isEqualTo(seen.get(1));
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
    }

    @Test
    void cancellingKeepsTheEarlierStateAndAddsNoResult() {
        vm.load();
        state.setFlowState(FakeWorkbench.INDEX_FLOW, FlowState.VERIFIED);
        workbench.verify = (flow, c, p, s, b) -> {
            vm.cancel();
            c.check("verification of " + flow);
            return FakeWorkbench.result(1, List.of());
        };

        vm.run().join();

        assertThat(state.flowState(FakeWorkbench.INDEX_FLOW)).isEqualTo(FlowState.VERIFIED);
        assertThat(workbench.calls).doesNotContain("verify " + FakeWorkbench.BLOB_FLOW);
        assertThat(vm.results()).isEmpty();
        assertThat(vm.statusProperty().get()).startsWith("Cancelled during index-customers");
        assertThat(vm.runningProperty().get()).isFalse();
    }

    @Test
    void aFailureReachesTheFailurePropertyAndRestoresTheState() {
        vm.load();
        workbench.verify = (flow, c, p, s, b) -> {
            throw new HeadwaterException("cannot reach search: connection refused");
        };

        vm.verify(List.of(FakeWorkbench.INDEX_FLOW)).join();

        assertThat(vm.failureProperty().get()).isNotNull();
        assertThat(vm.failureProperty().get().title()).isEqualTo("Verification of index-customers failed");
        assertThat(vm.failureProperty().get().message()).isEqualTo("cannot reach search: connection refused");
        assertThat(state.flowState(FakeWorkbench.INDEX_FLOW)).isEqualTo(FlowState.UNKNOWN);
    }

    @Test
    void aFailureToListFlowsReachesTheFailureProperty() {
        workbench.failure = new HeadwaterException("pipeline is closed");
        vm.load();
        assertThat(vm.failureProperty().get().message()).isEqualTo("pipeline is closed");
    }

    @Test
    void drillsDownToTheDifferingFieldsSideBySide() {
        vm.load();
        workbench.verify = (flow, c, p, s, b) -> {
            s.accept(FakeWorkbench.mismatch(9));
            return FakeWorkbench.result(100, List.of(FakeWorkbench.mismatch(5)));
        };

        vm.verify(List.of(FakeWorkbench.INDEX_FLOW)).join();

        assertThat(vm.selectedResultProperty().get().flowId()).isEqualTo(FakeWorkbench.INDEX_FLOW);
        assertThat(vm.findings()).extracting(f -> f.key().get("id")).containsExactly(5L, 9L);
        assertThat(vm.comparisons()).containsExactly(new FieldComparison("id", "5", "5", false),
                new FieldComparison("email", "a@x.org", "CORRUPT", true));
        vm.selectedFindingProperty().set(vm.findings().get(1));
        assertThat(vm.comparisons()).extracting(FieldComparison::sourceValue).containsExactly("9", "a@x.org");
    }

    @Test
    void stepsThroughTheBisectionOneStepAtATime() {
        vm.load();
        workbench.verify = (flow, c, p, s, b) -> {
            b.segmentCompared(0, KeyRange.ALL, new SegmentChecksum(10, 1), new SegmentChecksum(10, 2), false);
            b.segmentSplit(0, KeyRange.ALL, List.of(new KeyRange(null, Row.of("id", 5L)), new KeyRange(Row.of("id", 5L), null)));
            b.segmentCompared(1, new KeyRange(null, Row.of("id", 5L)), new SegmentChecksum(5, 1), new SegmentChecksum(5, 1), true);
            b.leafMerged(new KeyRange(Row.of("id", 5L), null), 1);
            return FakeWorkbench.result(10, List.of(FakeWorkbench.mismatch(7)));
        };

        vm.verify(List.of(FakeWorkbench.INDEX_FLOW)).join();
        StepThrough steps = vm.steps();

        assertThat(steps.totalProperty().get()).isEqualTo(5);
        assertThat(steps.shown()).isEmpty();
        steps.next();
        steps.next();
        assertThat(steps.shown()).extracting(BisectionStep::kind).containsExactly(BisectionStep.Kind.DIFFERENT, BisectionStep.Kind.SPLIT);
        steps.showAll();
        assertThat(steps.next()).isFalse();
        assertThat(steps.shown().get(4).kind()).isEqualTo(BisectionStep.Kind.NARROWED);
        assertThat(steps.shown().get(4).text()).endsWith("7");
    }

    @Test
    void exportsTheReportAsMarkdownOrJson(@TempDir Path dir) throws Exception {
        vm.load();
        workbench.verify = (flow, c, p, s, b) -> FakeWorkbench.result(100, List.of(FakeWorkbench.mismatch(5)));
        vm.verify(List.of(FakeWorkbench.INDEX_FLOW)).join();

        Path md = vm.exportReport(dir.resolve("r.md")).join();
        Path json = vm.exportReport(dir.resolve("r.json")).join();

        assertThat(Files.readString(md)).contains("| index-customers | pg.customers | search.customers | 100 | 0 | 0 | 1 | 0 |")
                .contains("**MISMATCHED** key `5` — differing: email `a@x.org` → `CORRUPT`");
        assertThat(Files.readString(json)).contains("\"flow\": \"index-customers\"").contains("\"mismatched\": 1")
                .contains("\"key\": {\"id\": 5}").contains("\"target\": {\"id\": 5, \"email\": \"CORRUPT\"}");
        assertThat(vm.statusProperty().get()).isEqualTo("Report written to " + json);
    }

    @Test
    void aSecondRunReplacesTheFlowsRow() {
        vm.load();
        workbench.verify = (flow, c, p, s, b) -> FakeWorkbench.result(100, List.of(FakeWorkbench.mismatch(5)));
        vm.verify(List.of(FakeWorkbench.INDEX_FLOW)).join();
        workbench.verify = (flow, c, p, s, b) -> FakeWorkbench.result(100, List.of());
        vm.verify(List.of(FakeWorkbench.INDEX_FLOW)).join();

        assertThat(vm.results()).singleElement().satisfies(r -> assertThat(r.clean()).isTrue());
        assertThat(vm.findings()).isEmpty();
        assertThat(state.flowState(FakeWorkbench.INDEX_FLOW)).isEqualTo(FlowState.VERIFIED);
    }

    @Test
    void rateAndEtaFollowTheClock() {
        ProgressMeter meter = new ProgressMeter(nanos::get, java.time.Duration.ofMillis(100));
        nanos.addAndGet(4 * SECOND);
        ProgressMeter.Reading r = meter.read(2_000, 10_000);
        assertThat(r.perSecond()).isEqualTo(500.0);
        assertThat(r.eta()).isEqualTo(java.time.Duration.ofSeconds(16));
        assertThat(r.fraction()).isEqualTo(0.2);
        assertThat(meter.read(5, -1).eta()).isNull();
        assertThat(ProgressMeter.clock(java.time.Duration.ofSeconds(3_725))).isEqualTo("1:02:05");
    }

    private static VerificationRun run(long id) {
        return new VerificationRun(id, Instant.parse("2026-11-25T09:00:00Z"), "fake", FakeWorkbench.INDEX_FLOW, "pg.customers", "search.customers",
                "fast", 10, 10, 10, 0, 0, 0, 0, true, 12, null, "{}");
    }

}
