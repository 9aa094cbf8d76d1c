package io.headwater.views.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.engine.workbench.Workbench;
import io.headwater.views.common.WorkbenchState;
import io.headwater.views.lineage.LineageView;
import io.headwater.views.lineage.LineageViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.kordamp.ikonli.feather.Feather;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window headless, on a fake workbench: the graph takes its clicks and shortcuts, and
 * leaves the tabs below theirs (GraphStream's canvas once grew over them after an expand).
 */
class MainWindowTest extends ApplicationTest {
    private static final Executor SAME_THREAD = Runnable::run;
    private MainWindowViewModel vm;
    private MainWindow window;

    @Override
    public void start(Stage stage) throws Exception {
        PipelineOpener opener = new PipelineOpener() {
            @Override
            public Path initialConfig() {
                return DemoModel.config();
            }

            @Override
            public Pipeline load(Path config) {
                return new PipelineLoader().load(config);
            }

            @Override
            public Workbench start(Pipeline pipeline, ProgressListener progress) {
                return new FakeWorkbench(pipeline);
            }

            @Override
            public Path importOpenLineage(Path events) {
                throw new UnsupportedOperationException("not used by this test");
            }
        };
        Path prefs = Files.createTempFile("workbench", ".properties");
        RecordingDialogs dialogs = new RecordingDialogs();
        vm = new MainWindowViewModel(opener, new WorkbenchState(), dialogs, new WorkbenchPreferences(prefs), SAME_THREAD, SAME_THREAD);
        WorkTabSpec lineage = new WorkTabSpec("lineageTab", "Lineage", Feather.GIT_BRANCH, Set.of(WorkTabs.SHOW_LINEAGE), c -> {
            LineageView view = new LineageView(new LineageViewModel(c.workbench(), c.state(), c.background(), c.ui()), c.dialogs());
            return new OpenTab(view, view::dispose, Map.of(WorkTabs.SHOW_LINEAGE, f -> view.pick(io.headwater.engine.model.FieldRef.parse(f))));
        });
        try (FxStallMonitor stalls = new FxStallMonitor()) {
            window = new MainWindow(vm, dialogs, List.of(lineage), stalls, SAME_THREAD, SAME_THREAD);
        }
        stage.setScene(new Scene(window, 1200, 760));
        stage.show();
        vm.openInitial();
    }

    @Test
    void ctrlFFindsANodeAndTheLineageFilterTakesAClick() throws Exception {
        var graph = window.graphView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> graph.nodePosition("sys:pg").flatMap(graph::nodeAt).filter("sys:pg"::equals).isPresent()).get());
        doubleClickOn(graph.localToScreen(graph.nodePosition("sys:pg").orElseThrow()));
        assertThat(vm.graph().snapshotProperty().get().node("ds:pg.customers")).isPresent();
        press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        write("search.customers").type(KeyCode.ENTER);
        assertThat(vm.graph().selectedProperty().get()).isEqualTo("ds:search.customers");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#lineageFilter").tryQuery().isPresent());
        clickOn("#lineageFilter");
        Node filter = lookup("#lineageFilter").query();
        assertThat(filter.isFocused()).as("focus is on %s", filter.getScene().getFocusOwner()).isTrue();
    }
}
