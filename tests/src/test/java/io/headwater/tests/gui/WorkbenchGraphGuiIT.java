package io.headwater.tests.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.app.gui.LivePipelineOpener;
import io.headwater.app.gui.WorkbenchWindow;
import io.headwater.app.runtime.NamedThreads;
import io.headwater.views.graph.GraphSnapshot;
import io.headwater.views.graph.PipelineGraphView;
import io.headwater.views.lineage.FieldItem;
import io.headwater.views.lineage.LineageRow;
import io.headwater.views.shell.WorkbenchPreferences;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeCell;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window on the live embedded demo, headless (Monocle): the graph, expanding a system,
 * finding a node, a field's lineage highlighted on the graph, and a broken config's errors.
 */
class WorkbenchGraphGuiIT extends ApplicationTest {
    private final ExecutorService background = Executors.newCachedThreadPool(new NamedThreads("gui-test"));
    private WorkbenchWindow window;
    private Path dir;

    @Override
    public void start(Stage stage) throws Exception {
        dir = Files.createTempDirectory("headwater-gui");
        LivePipelineOpener opener = new LivePipelineOpener(GuiSupport.demoConfig(), dir.resolve("data"), 20);
        // Monocle's headless screen is 1280x800 unless told otherwise: a larger window overflows its buffer.
        window = WorkbenchWindow.show(stage, opener, new WorkbenchPreferences(dir.resolve("workbench.properties")), background, 1260, 780);
        window.openInitial();
    }

    @AfterEach
    void closeWindowAndPipeline() throws Exception {
        interact(window::closeWindow);
        window.stopPipeline();
        background.shutdownNow();
    }

    private PipelineGraphView graph() {
        return window.window().graphView();
    }

    private GraphSnapshot snapshot() {
        return graph().viewModel().snapshotProperty().get();
    }

    @Test
    void graphExpandFindLineageAndABrokenConfigOnTheLiveDemo() throws Exception {
        // The graph shows every system before the pipeline is even live.
        assertThat(snapshot().nodes()).extracting(n -> n.id())
                .contains("sys:pg", "sys:kafka", "sys:search", "sys:cache", "sys:analytics", "sys:blobs");
        GuiSupport.await("the demo to go live", 180_000, () -> window.viewModel().liveProperty().get());
        GuiSupport.await("the status bar to show every system", 30_000, () -> lookup("#system-search").tryQuery().isPresent());
        assertThat(lookup("#statusPhase").queryAs(Label.class).getText()).isEqualTo("Live");

        // Double-clicking a system expands it into its datasets; sizes arrive with the status polls.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> graph().nodePosition("sys:pg").flatMap(graph()::nodeAt).filter("sys:pg"::equals).isPresent()).get());
        Point2D pg = graph().localToScreen(graph().nodePosition("sys:pg").orElseThrow());
        doubleClickOn(pg);
        GuiSupport.await("pg's datasets on the graph", 10_000, () -> snapshot().node("ds:pg.customers").isPresent());
        assertThat(graph().drawnClasses("ds:pg.accounts")).contains("dataset");
        GuiSupport.await("a size on pg.customers", 30_000,
                () -> snapshot().node("ds:pg.customers").map(n -> n.label().matches(".*\\d.*")).orElse(false));

        // Ctrl+F and a name find a node that was hidden, select it and show its details.
        press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        GuiSupport.await("the search box focused", 10_000, () -> lookup("#graphSearch").query().isFocused());
        write("cache.customers.phone");
        GuiSupport.await("the name typed", 10_000,
                () -> "cache.customers.phone".equals(lookup("#graphSearch").queryTextInputControl().getText()));
        type(KeyCode.ENTER);
        GuiSupport.await("the found node selected", 10_000,
                () -> graph().viewModel().selectedProperty().get().equals("fld:cache.customers.phone"));
        assertThat(lookup("#detailsTitle").queryAs(Label.class).getText()).isEqualTo("cache.customers.phone");
        assertThat(graph().drawnClasses("fld:cache.customers.phone")).contains("selected");

        // The Lineage tab: pick pg.customers.email; its reach is listed and highlighted on the graph.
        press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL); // View > Go to Lineage
        GuiSupport.await("the Lineage tab selected", 10_000,
                () -> "lineageTab".equals(window.window().tabs().getSelectionModel().getSelectedItem().getId()));
        GuiSupport.await("the lineage filter laid out", 20_000, () -> lookup("#lineageFilter").tryQuery()
                .map(n -> n.isVisible() && n.getLayoutBounds().getWidth() > 0 && n.localToScreen(0, 0) != null).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        clickOn("#lineageFilter");
        try {
            GuiSupport.await("the lineage filter focused", 10_000, () -> lookup("#lineageFilter").query().isFocused());
        } catch (AssertionError e) {
            Node f = lookup("#lineageFilter").query();
            javafx.stage.Window w = f.getScene().getWindow();
            throw new AssertionError(e.getMessage() + "; filter at " + f.localToScreen(f.getLayoutBounds()) + ", window " + w.getX() + "," + w.getY()
                    + " " + w.getWidth() + "x" + w.getHeight() + ", windows " + javafx.stage.Window.getWindows() + ", focus " + f.getScene().getFocusOwner(), e);
        }
        write("pg.customers.email");
        try {
            GuiSupport.await("the field in the tree", 10_000, () -> fieldCell("pg.customers.email") != null);
        } catch (AssertionError e) {
            javafx.scene.control.TreeView<?> tree = lookup("#lineageFields").query();
            throw new AssertionError(e.getMessage() + "; filter '" + lookup("#lineageFilter").queryTextInputControl().getText() + "', tree rows "
                    + tree.getExpandedItemCount() + ", focus " + tree.getScene().getFocusOwner() + ", cells "
                    + lookup(".tree-cell").queryAll().size(), e);
        }
        clickOn(fieldCell("pg.customers.email"));
        TableView<LineageRow> rows = lookup("#lineageTable").queryTableView();
        GuiSupport.await("the lineage rows", 10_000, () -> rows.getItems().stream().anyMatch(r -> r.field().equals("cache.customers.email")));
        assertThat(rows.getItems()).extracting(LineageRow::field).contains("search.customers.email", "cache.customers.email");
        GuiSupport.await("the highlight drawn", 10_000, () -> graph().drawnClasses("fld:search.customers.email").contains("highlighted"));
        assertThat(graph().drawnClasses("fld:cache.customers.email")).contains("highlighted");
        assertThat(graph().drawnClasses("fld:pg.customers.email")).contains("highlighted");
        assertThat(graph().drawnClasses("fld:pg.customers.name")).doesNotContain("highlighted");

        // A broken config: every problem listed with file:line, and the demo stays open and live.
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "pipeline: broken\nsystems:\n  - id: pg\n    kind: postgress\n    role: record\nflows: []\n");
        interact(() -> window.viewModel().open(broken));
        GuiSupport.await("the problems dialog", 20_000, () -> lookup("#dialogProblems").tryQuery().isPresent());
        ListView<String> problems = lookup("#dialogProblems").queryListView();
        assertThat(problems.getItems()).isNotEmpty().allMatch(p -> p.startsWith("broken.yaml:"));
        assertThat(problems.getItems()).anyMatch(p -> p.startsWith("broken.yaml:4:") && p.contains("kind"));
        type(KeyCode.ENTER);
        GuiSupport.await("the dialog closed", 10_000, () -> lookup("#dialogProblems").tryQuery().isEmpty());
        assertThat(window.viewModel().liveProperty().get()).isTrue();
        assertThat(window.viewModel().pipelineProperty().get().name()).isEqualTo("demo");
    }

    private Node fieldCell(String field) {
        List<Node> cells = List.copyOf(lookup(".tree-cell").queryAll());
        for (Node n : cells) {
            if (n instanceof TreeCell<?> cell && cell.getItem() instanceof FieldItem item && item.ref().toString().equals(field)) {
                return cell;
            }
        }
        return null;
    }
}
