package io.headwater.tests.gui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import io.headwater.app.runtime.DemoSession;
import io.headwater.app.runtime.NamedThreads;
import io.headwater.app.runtime.workbench.LiveWorkbench;
import io.headwater.engine.integrity.Finding;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.views.common.FlowState;
import io.headwater.views.common.WorkbenchState;
import io.headwater.views.demo.DemoView;
import io.headwater.views.demo.DemoViewModel;
import io.headwater.views.demo.NarrationLine;
import io.headwater.views.log.LogRow;
import io.headwater.views.log.LogView;
import io.headwater.views.log.LogViewModel;
import io.headwater.views.rebuild.RebuildView;
import io.headwater.views.rebuild.RebuildViewModel;
import io.headwater.views.rebuild.SwapStage;
import io.headwater.views.verify.FieldComparison;
import io.headwater.views.verify.FlowResult;
import io.headwater.views.verify.VerifyView;
import io.headwater.views.verify.VerifyViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.framework.junit5.ApplicationTest;

/**
 * The Verify, Rebuild, Log and Demo views, each hosted alone in a window, on one live embedded demo
 * pipeline shared by the tests (which therefore run in order: verify clean, search the log, break
 * the search index and see it caught, drill into the findings, rebuild it back to verified).
 * Snapshots of each view go to {@code docs/} when {@code -Dheadwater.screenshots=true}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkViewsIT extends ApplicationTest {
    private static final String FLOW = "index-customers";
    private static final DatasetRef INDEX = new DatasetRef("search", "customers");
    private static final ExecutorService BACKGROUND = Executors.newCachedThreadPool(new NamedThreads("gui-work"));
    private static final WorkbenchState STATE = new WorkbenchState();
    private static LiveWorkbench workbench;

    private final WorkViewsSupport.RecordingDialogs dialogs = new WorkViewsSupport.RecordingDialogs();
    private Stage stage;
    private Runnable dispose = () -> { };

    @BeforeAll
    static void startDemo() throws Exception {
        Path dataDir = Files.createTempDirectory("headwater-work-views");
        workbench = LiveWorkbench.open(DemoSession.start(WorkViewsSupport.demo(dataDir), 11, 5, ProgressListener.NONE));
        WorkViewsSupport.await("the search index to catch up", 120_000, () -> workbench.status().stream()
                .flatMap(s -> s.datasets().stream()).filter(d -> d.ref().equals(INDEX))
                .anyMatch(d -> d.size() >= 200 && d.lag() == 0));
    }

    @AfterAll
    static void stopDemo() {
        if (workbench != null) {
            workbench.close();
        }
        BACKGROUND.shutdownNow();
    }

    @Override
    public void start(Stage primary) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        stage = primary;
    }

    @AfterEach
    void disposeView() {
        interact(dispose);
    }

    private <T extends Parent> T host(Supplier<T> view) {
        AtomicReference<T> made = new AtomicReference<>();
        interact(() -> {
            T v = view.get();
            made.set(v);
            stage.setScene(new Scene(v, 1280, 820));
            stage.show();
        });
        return made.get();
    }

    /** The four documented views go to docs/, other moments to the build's screenshots folder. */
    private void screenshot(Parent view, String name) throws Exception {
        if (!Boolean.getBoolean("headwater.screenshots")) {
            return;
        }
        AtomicReference<javafx.scene.image.WritableImage> image = new AtomicReference<>();
        interact(() -> image.set(WorkViewsSupport.snapshot(view)));
        boolean documented = List.of("verify", "rebuild", "log", "demo").contains(name);
        Path file = documented ? WorkViewsSupport.repoRoot().resolve("docs/workbench-" + name + ".png")
                : Path.of(System.getProperty("java.io.tmpdir"), "headwater-screenshots", "workbench-" + name + ".png");
        WorkViewsSupport.savePng(image.get(), file);
    }

    private VerifyViewModel showVerifyView() {
        VerifyViewModel vm = new VerifyViewModel(workbench, STATE, BACKGROUND, Platform::runLater);
        VerifyView view = host(() -> new VerifyView(vm, dialogs));
        dispose = view::dispose;
        return vm;
    }

    private FlowResult verifyIndexFlowThroughTheView(VerifyViewModel vm) throws Exception {
        WorkViewsSupport.await("the verifiable flows", 30_000, () -> lookup("#verifyFlow-" + FLOW).tryQuery().isPresent());
        clickOn("#verifyAllFlows");
        clickOn("#verifyFlow-" + FLOW);
        clickOn("#verifyRun");
        TableView<FlowResult> results = lookup("#verifyResults").queryTableView();
        WorkViewsSupport.await("a result row for " + FLOW, 120_000, () -> !vm.runningProperty().get()
                && results.getItems().stream().anyMatch(r -> r.flowId().equals(FLOW)));
        return results.getItems().stream().filter(r -> r.flowId().equals(FLOW)).findFirst().orElseThrow();
    }

    @Test
    @Order(1)
    void verifyingTheIntactIndexShowsACleanRowAndMarksTheFlowVerified() throws Exception {
        VerifyViewModel vm = showVerifyView();

        FlowResult row = verifyIndexFlowThroughTheView(vm);

        assertThat(row.clean()).isTrue();
        assertThat(row.compared()).isGreaterThanOrEqualTo(200);
        assertThat(STATE.flowState(FLOW)).isEqualTo(FlowState.VERIFIED);
        assertThat(lookup("#verifyStatus").queryAs(Label.class).getText()).isEqualTo("Done: 1 clean, 0 corrupt");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    @Order(2)
    void searchingTheLogStreamsHitsIntoTheTable() throws Exception {
        LogViewModel vm = new LogViewModel(workbench, STATE, BACKGROUND, Platform::runLater);
        LogView view = host(() -> new LogView(vm, dialogs));
        dispose = view::dispose;
        TableView<LogRow> records = lookup("#logRecords").queryTableView();
        Label page = lookup("#logPage").queryAs(Label.class);
        WorkViewsSupport.await("the first page of the first topic", 30_000, () -> page.getText().startsWith("offsets "));
        assertThat(records.getItems()).isNotEmpty();

        interact(() -> lookup("#logTabs").queryAs(TabPane.class).getSelectionModel().select(1));
        clickOn("#logSearchText").write("@");
        clickOn("#logSearchRun");
        TableView<LogRow> hits = lookup("#logSearchHits").queryTableView();
        WorkViewsSupport.await("the search to finish", 60_000, () -> !vm.search().runningProperty().get() && !hits.getItems().isEmpty());

        assertThat(hits.getItems()).allMatch(r -> r.key().contains("@") || r.value().contains("@"));
        assertThat(lookup("#logSearchStatus").queryAs(Label.class).getText()).matches("[\\d,]+ hits for '@' in [\\d,]+ records of .*|Stopped at the first .*");
        interact(() -> hits.getSelectionModel().select(0));
        screenshot(view, "log");

        interact(() -> lookup("#logTabs").queryAs(TabPane.class).getSelectionModel().select(2));
        @SuppressWarnings("unchecked")
        ComboBox<DatasetRef> historyDataset = lookup("#logHistoryDataset").queryAs(ComboBox.class);
        interact(() -> historyDataset.setValue(new DatasetRef("kafka", "customers")));
        clickOn("#logHistoryKey").write("1");
        clickOn("#logHistoryShow");
        ListView<?> timeline = lookup("#logTimeline").queryListView();
        WorkViewsSupport.await("customer 1's history", 60_000, () -> !vm.history().runningProperty().get() && !timeline.getItems().isEmpty());
        assertThat(vm.history().entries().get(0).after()).isNotNull();
        assertThat(lookup("#logHistoryStatus").queryAs(Label.class).getText()).endsWith("change(s) of kafka.customers key 1, oldest first");
        screenshot(view, "log-history");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    @Order(3)
    void aCorruptedIndexTurnsCorruptOnlyOnceVerified() throws Exception {
        DemoViewModel vm = new DemoViewModel(workbench, STATE, BACKGROUND, Platform::runLater);
        DemoView view = host(() -> new DemoView(vm, dialogs));
        dispose = view::dispose;
        @SuppressWarnings("unchecked")
        ComboBox<DatasetRef> dataset = lookup("#demoDataset").queryAs(ComboBox.class);
        WorkViewsSupport.await("the derived datasets", 30_000, () -> dataset.getItems().contains(INDEX));
        interact(() -> dataset.setValue(INDEX));
        FlowState before = STATE.flowState(FLOW);

        clickOn("#demoFault-corrupt");
        ListView<NarrationLine> narration = lookup("#demoNarration").queryListView();
        WorkViewsSupport.await("the fault to be told", 30_000, () -> narration.getItems().stream().anyMatch(l -> l.text().startsWith("Changed a field")));
        assertThat(STATE.flowState(FLOW)).as("nobody has looked yet").isEqualTo(before);

        clickOn("#demoVerifyNow");
        WorkViewsSupport.await(FLOW + " to turn corrupt", 120_000, () -> STATE.flowState(FLOW) == FlowState.CORRUPT && !vm.busyProperty().get());
        List<NarrationLine> lines = List.copyOf(narration.getItems());
        assertThat(lines.get(lines.size() - 1).kind()).isEqualTo(NarrationLine.Kind.BAD);
        assertThat(lines.get(lines.size() - 1).text()).startsWith(FLOW + " is CORRUPT");
        screenshot(view, "demo");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    @Order(4)
    void verifyingTheCorruptedIndexListsTheFindingsAndTheirDifferingFields() throws Exception {
        VerifyViewModel vm = showVerifyView();

        FlowResult row = verifyIndexFlowThroughTheView(vm);

        assertThat(row.clean()).isFalse();
        assertThat(row.mismatched()).isGreaterThanOrEqualTo(1);
        assertThat(STATE.flowState(FLOW)).isEqualTo(FlowState.CORRUPT);
        TableView<Finding> findings = lookup("#verifyFindings").queryTableView();
        WorkViewsSupport.await("the findings listed", 10_000, () -> !findings.getItems().isEmpty());
        TableView<FieldComparison> comparison = lookup("#verifyComparison").queryTableView();
        assertThat(comparison.getItems()).anyMatch(FieldComparison::differs);

        Path report = Files.createTempFile("verification", ".md");
        dialogs.saveTo = report;
        clickOn("#verifyExport");
        WorkViewsSupport.await("the report to be written", 10_000, () -> lookup("#verifyStatus").queryAs(Label.class).getText().startsWith("Report written"));
        assertThat(Files.readString(report)).contains("| " + FLOW + " |").contains("**MISMATCHED**");

        interact(() -> lookup("#verifyFindings").queryTableView().getSelectionModel().select(0));
        screenshot(view(), "verify");
        interact(() -> lookup("#verifyDetails").queryAs(TabPane.class).getSelectionModel().select(1));
        clickOn("#verifyNextStep");
        clickOn("#verifyNextStep");
        assertThat(lookup("#verifyStepPosition").queryAs(Label.class).getText()).startsWith("step 2 of ");
        interact(() -> vm.steps().showAll());
        screenshot(view(), "verify-steps");
        assertThat(dialogs.errors).isEmpty();
    }

    private Parent view() {
        return stage.getScene().getRoot();
    }

    @Test
    @Order(5)
    void rebuildingTheIndexSwapsInAVerifiedShadow() throws Exception {
        RebuildViewModel vm = new RebuildViewModel(workbench, STATE, BACKGROUND, Platform::runLater);
        RebuildView view = host(() -> new RebuildView(vm, dialogs));
        dispose = view::dispose;
        @SuppressWarnings("unchecked")
        ComboBox<DatasetRef> dataset = lookup("#rebuildDataset").queryAs(ComboBox.class);
        WorkViewsSupport.await("the derived datasets", 30_000, () -> dataset.getItems().contains(INDEX));
        interact(() -> dataset.setValue(INDEX));

        clickOn("#rebuildRun");
        WorkViewsSupport.await("the rebuild to start", 30_000, () -> vm.runningProperty().get() || vm.reportProperty().get() != null);
        if (vm.runningProperty().get()) {
            WorkViewsSupport.await("progress", 30_000, () -> !vm.runningProperty().get() || !vm.progressTextProperty().get().isEmpty());
            screenshot(view, "rebuild-progress");
        }
        Label decision = lookup("#rebuildDecision").queryAs(Label.class);
        WorkViewsSupport.await("the rebuild to finish", 300_000, () -> !vm.runningProperty().get() && !decision.getText().isEmpty()
                && vm.reportProperty().get() != null);

        assertThat(vm.reportProperty().get().swapped()).isTrue();
        assertThat(lookup("#rebuildDecision").queryAs(Label.class).getText()).startsWith("SWAPPED");
        assertThat(lookup("#rebuildSwapStep").queryAs(Label.class).getText()).startsWith("Step 3 of 3, swap: Lucene index: one atomic rename of ")
                .contains("CURRENT").contains("to the shadow g");
        assertThat(lookup("#rebuildSwapStage").queryAs(Label.class).getText()).isEqualTo(SwapStage.DONE.text());
        assertThat(STATE.flowState(FLOW)).isEqualTo(FlowState.VERIFIED);
        screenshot(view, "rebuild");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    @Order(6)
    void aScriptedScenarioNarratesStepByStepAndShowsItsVerdict() throws Exception {
        DemoViewModel vm = new DemoViewModel(workbench, STATE, BACKGROUND, Platform::runLater);
        DemoView view = host(() -> new DemoView(vm, dialogs));
        dispose = view::dispose;
        WorkViewsSupport.await("the scenarios", 30_000, () -> lookup("#demoScenario-corrupt-and-verify").tryQuery().isPresent());

        clickOn("#demoScenario-corrupt-and-verify");
        WorkViewsSupport.await("the verdict", 300_000, () -> vm.verdictProperty().get() != null || (!vm.busyProperty().get() && vm.narration().size() > 1));

        assertThat(vm.verdictProperty().get()).as("narration: %s", vm.narration()).isNotNull();
        assertThat(lookup("#demoVerdict").queryAs(Label.class).getText()).isEqualTo(vm.verdictProperty().get().line());
        assertThat(lookup("#demoNarration").queryListView().getItems()).hasSizeGreaterThan(3);
        screenshot(view, "demo-scenario");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    @Order(20)
    void theRebuildViewShowsHowEachOfTheDemosOtherStoresSwapsItsShadowIn() throws Exception {
        RebuildViewModel vm = new RebuildViewModel(workbench, STATE, BACKGROUND, Platform::runLater);
        RebuildView view = host(() -> new RebuildView(vm, dialogs));
        dispose = view::dispose;
        @SuppressWarnings("unchecked")
        ComboBox<DatasetRef> dataset = lookup("#rebuildDataset").queryAs(ComboBox.class);
        Map<String, String> swapOf = Map.of(
                "cache.customers", "Step 3 of 3, swap: MVStore ",
                "analytics.balances", "Step 3 of 3, swap: H2 ",
                "blobs.documents", "Step 3 of 3, swap: blob store (objects and manifest of one generation): one atomic rename of ");
        Map<String, String> words = Map.of("cache.customers", "from the live map customers", "analytics.balances", "one CREATE OR REPLACE VIEW",
                "blobs.documents", "CURRENT switches it from the live g");
        for (String store : List.of("cache.customers", "analytics.balances", "blobs.documents")) {
            DatasetRef ref = DatasetRef.parse(store);
            WorkViewsSupport.await("the derived datasets", 30_000, () -> dataset.getItems().contains(ref));
            interact(() -> dataset.setValue(ref));
            clickOn("#rebuildRun");
            WorkViewsSupport.await("the rebuild of " + store, 300_000, () -> !vm.runningProperty().get() && vm.reportProperty().get() != null
                    && vm.reportProperty().get().dataset().equals(ref));

            assertThat(vm.reportProperty().get().swapped()).as(store).isTrue();
            assertThat(lookup("#rebuildSwapStep").queryAs(Label.class).getText()).as(store).startsWith(swapOf.get(store)).contains(words.get(store));
            assertThat(lookup("#rebuildSwapStage").queryAs(Label.class).getText()).as(store).isEqualTo(SwapStage.DONE.text());
        }
        assertThat(dialogs.errors).isEmpty();
    }
}
