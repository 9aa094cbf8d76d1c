package io.headwater.views.verify;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import io.headwater.engine.integrity.KeyRange;
import io.headwater.engine.integrity.SegmentChecksum;
import io.headwater.engine.model.Row;
import io.headwater.engine.workbench.RebuildReport;
import io.headwater.views.common.DialogService;
import io.headwater.views.common.FlowState;
import io.headwater.views.common.WorkbenchState;
import io.headwater.views.demo.DemoView;
import io.headwater.views.demo.DemoViewModel;
import io.headwater.views.log.LogView;
import io.headwater.views.log.LogViewModel;
import io.headwater.views.rebuild.RebuildView;
import io.headwater.views.rebuild.SwapStage;
import io.headwater.views.rebuild.RebuildViewModel;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.ApplicationTest;

/**
 * The four work views on the in-test workbench, headless: the buttons reach the view models and
 * the results reach the tables. (The real pipeline is exercised by the tests module's WorkViewsIT.)
 * With {@code -Dheadwater.layoutShots=DIR} each view is also saved as a PNG for looking at.
 */
class WorkViewsFxTest extends ApplicationTest {
    private final FakeWorkbench workbench = new FakeWorkbench();
    private final WorkbenchState state = new WorkbenchState();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private Stage stage;

    @Override
    public void start(Stage primary) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        stage = primary;
    }

    private <T extends Parent> T host(Supplier<T> view) {
        AtomicReference<T> made = new AtomicReference<>();
        interact(() -> {
            made.set(view.get());
            stage.setScene(new Scene(made.get(), 1280, 820));
            stage.show();
        });
        return made.get();
    }

    private final DialogService dialogs = new DialogService() {
        @Override
        public void showError(String title, String message, Throwable details) {
            errors.add(title + ": " + message);
        }

        @Override
        public void showProblems(String title, String message, List<String> problems) {
            errors.add(title);
        }

        @Override
        public void showInfo(String title, String message) {
        }

        @Override
        public boolean confirm(String title, String message) {
            return true;
        }

        @Override
        public Optional<Path> chooseFileToOpen(String title, Path initialDir, String extensionDescription, String... extensions) {
            return Optional.empty();
        }

        @Override
        public Optional<Path> chooseFileToSave(String title, String suggestedName, String extensionDescription, String... extensions) {
            return Optional.empty();
        }
    };

    private void shot(Parent node, String name) throws Exception {
        String dir = System.getProperty("headwater.layoutShots");
        if (dir == null) {
            return;
        }
        AtomicReference<WritableImage> image = new AtomicReference<>();
        interact(() -> image.set(node.snapshot(null, null)));
        int w = (int) image.get().getWidth();
        int h = (int) image.get().getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader px = image.get().getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, px.getArgb(x, y));
            }
        }
        Files.createDirectories(Path.of(dir));
        ImageIO.write(out, "png", Path.of(dir, name + ".png").toFile());
    }

    @Test
    void verifyViewRunsAndDrillsIntoTheFindings() throws Exception {
        workbench.verify = (flow, c, p, s, b) -> {
            b.segmentCompared(0, KeyRange.ALL, new SegmentChecksum(200, 1), new SegmentChecksum(200, 2), false);
            b.segmentSplit(0, KeyRange.ALL, List.of(new KeyRange(null, Row.of("id", 100L)), new KeyRange(Row.of("id", 100L), null)));
            b.segmentCompared(1, new KeyRange(null, Row.of("id", 100L)), new SegmentChecksum(100, 1), new SegmentChecksum(100, 1), true);
            b.segmentCompared(1, new KeyRange(Row.of("id", 100L), null), new SegmentChecksum(100, 1), new SegmentChecksum(100, 3), false);
            b.leafMerged(new KeyRange(Row.of("id", 100L), null), 2);
            return flow.equals(FakeWorkbench.INDEX_FLOW) ? FakeWorkbench.result(200, List.of(FakeWorkbench.mismatch(117), FakeWorkbench.mismatch(142)))
                    : FakeWorkbench.result(200, List.of());
        };
        VerifyViewModel vm = new VerifyViewModel(workbench, state, Runnable::run, Platform::runLater);
        VerifyView view = host(() -> new VerifyView(vm, dialogs));
        waitFor(() -> vm.flowChoices().size() == 2);

        clickOn("#verifyRun");
        TableView<FlowResult> results = lookup("#verifyResults").queryTableView();
        waitFor(() -> results.getItems().size() == 2);

        assertThat(state.flowState(FakeWorkbench.INDEX_FLOW)).isEqualTo(FlowState.CORRUPT);
        assertThat(lookup("#verifyFindings").queryTableView().getItems()).hasSize(2);
        assertThat(lookup("#verifyComparison").queryTableView().getItems()).hasSize(2);
        shot(view, "verify");
        interact(() -> lookup("#verifyDetails").queryAs(javafx.scene.control.TabPane.class).getSelectionModel().select(1));
        clickOn("#verifyNextStep");
        clickOn("#verifyNextStep");
        assertThat(lookup("#verifyStepPosition").queryAs(Label.class).getText()).isEqualTo("step 2 of 6");
        shot(view, "verify-steps");
        assertThat(errors).isEmpty();
    }

    @Test
    void rebuildViewShowsTheSwapDecision() throws Exception {
        workbench.rebuild = (d, c, replay, verify) -> {
            for (int i = 0; i <= 20; i++) {
                replay.progress(i * 500L, 10_000, "events");
                pause(60);
            }
            verify.progress(1_000, 1_000, "rows");
            return new RebuildReport(d, false, 10_000, 9_990, Duration.ofMillis(1_300), FakeWorkbench.result(1_000, List.of()), true,
                    FakeWorkbench.SWAP_STEP);
        };
        RebuildViewModel vm = new RebuildViewModel(workbench, state, task -> new Thread(task, "test-rebuild").start(), Platform::runLater);
        RebuildView view = host(() -> new RebuildView(vm, dialogs));
        waitFor(() -> vm.datasetProperty().get() != null);

        clickOn("#rebuildRun");
        waitFor(() -> vm.reportProperty().get() != null);

        assertThat(lookup("#rebuildDecision").queryAs(Label.class).getText()).startsWith("SWAPPED");
        assertThat(lookup("#rebuildSwapStep").queryAs(Label.class).getText()).isEqualTo("Step 3 of 3, swap: " + FakeWorkbench.SWAP_STEP);
        assertThat(lookup("#rebuildSwapStage").queryAs(Label.class).getText()).isEqualTo(SwapStage.DONE.text());
        assertThat(state.flowState(FakeWorkbench.INDEX_FLOW)).isEqualTo(FlowState.VERIFIED);
        shot(view, "rebuild");
        assertThat(errors).isEmpty();
    }

    @Test
    void logViewBrowsesAndSearches() throws Exception {
        for (int i = 0; i < 150; i++) {
            workbench.log.add(new io.headwater.engine.spi.LogRecord(new io.headwater.engine.spi.LogPosition(
                    new io.headwater.engine.spi.PartitionRef("customers", 0), i), ("{\"id\":" + i + "}").getBytes(StandardCharsets.UTF_8),
                    ("{\"op\":\"c\",\"after\":{\"id\":" + i + ",\"email\":\"user" + i + "@example.org\"}}").getBytes(StandardCharsets.UTF_8),
                    Instant.parse("2026-11-25T10:00:00Z").plusSeconds(i)));
        }
        workbench.search = (t, text, max, c, p, hits) -> {
            workbench.log.stream().filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(text)).forEach(hits);
            return workbench.log.size();
        };
        LogViewModel vm = new LogViewModel(workbench, state, Runnable::run, Platform::runLater);
        LogView view = host(() -> new LogView(vm, dialogs));
        waitFor(() -> vm.records().size() == 100);
        shot(view, "log-browse");

        interact(() -> lookup("#logTabs").queryAs(javafx.scene.control.TabPane.class).getSelectionModel().select(1));
        clickOn("#logSearchText").write("user1");
        clickOn("#logSearchRun");
        waitFor(() -> vm.search().hits().size() == 61);
        shot(view, "log-search");
        assertThat(errors).isEmpty();
    }

    @Test
    void demoViewInjectsAndNarrates() throws Exception {
        workbench.verify = (flow, c, p, s, b) -> FakeWorkbench.result(200, List.of(FakeWorkbench.mismatch(3)));
        DemoViewModel vm = new DemoViewModel(workbench, state, Runnable::run, Platform::runLater);
        DemoView view = host(() -> new DemoView(vm, dialogs));
        waitFor(() -> lookup("#demoFault-corrupt").tryQuery().isPresent());

        clickOn("#demoFault-corrupt");
        clickOn("#demoVerifyNow");
        waitFor(() -> state.flowState(FakeWorkbench.INDEX_FLOW) == FlowState.CORRUPT);
        clickOn("#demoScenario-break-and-heal");
        waitFor(() -> vm.verdictProperty().get() != null);
        shot(view, "demo");
        assertThat(errors).isEmpty();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out");
            }
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
            Thread.sleep(50);
        }
    }
}
