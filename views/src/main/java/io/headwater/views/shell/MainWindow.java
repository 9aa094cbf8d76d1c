package io.headwater.views.shell;

import io.headwater.views.common.DialogService;
import io.headwater.views.graph.PipelineGraphView;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The workbench's main window: menus, the pipeline graph with the selection's details beside it,
 * the work tabs beneath, and the status bar. Polls the pipeline's status every second (on the
 * background executor, through the view model).
 */
public final class MainWindow extends BorderPane {
    static final String MAIN_SPLIT = "main";
    static final String TOP_SPLIT = "top";

    private final MainWindowViewModel viewModel;
    private final DialogService dialogs;
    private final FxStallMonitor stalls;
    private final PipelineGraphView graphView;
    private final DetailsPane details = new DetailsPane();
    private final WorkTabs tabs;
    private final StatusBar statusBar;
    private final SplitPane topSplit;
    private final SplitPane mainSplit;
    private final Menu recentMenu = new Menu("Open recent");
    private final Timeline poller;

    public MainWindow(MainWindowViewModel viewModel, DialogService dialogs, List<WorkTabSpec> tabSpecs, FxStallMonitor stalls,
                      Executor background, Executor ui) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
        this.stalls = stalls;
        setId("mainWindow");
        graphView = new PipelineGraphView(viewModel.graph());
        tabs = new WorkTabs(tabSpecs, viewModel.state(), background, ui, dialogs);
        statusBar = new StatusBar(viewModel);

        topSplit = new SplitPane(graphView, details);
        SplitPane.setResizableWithParent(details, false);
        mainSplit = new SplitPane(topSplit, tabs);
        mainSplit.setOrientation(Orientation.VERTICAL);
        SplitPane.setResizableWithParent(tabs, false);
        WorkbenchPreferences prefs = viewModel.preferences();
        topSplit.setDividerPositions(prefs.dividers(TOP_SPLIT, 0.76));
        mainSplit.setDividerPositions(prefs.dividers(MAIN_SPLIT, 0.58));

        setTop(menuBar());
        setCenter(mainSplit);
        setBottom(statusBar);

        details.show(viewModel.graph().detailsProperty().get());
        viewModel.graph().detailsProperty().addListener((obs, old, d) -> details.show(d));
        viewModel.workbenchProperty().addListener((obs, old, wb) -> tabs.show(wb));
        viewModel.recentConfigs().addListener((ListChangeListener<Path>) c -> fillRecent());
        fillRecent();
        graphView.setOnShowLineage(field -> tabs.run(WorkTabs.SHOW_LINEAGE, field));

        poller = new Timeline(new KeyFrame(Duration.seconds(1), e -> {
            viewModel.refreshStatus();
            statusBar.showStall(stalls.longestStallMillis());
        }));
        poller.setCycleCount(Timeline.INDEFINITE);
        poller.play();
    }

    private MenuBar menuBar() {
        MenuItem open = item("Open pipeline…", Feather.FOLDER, new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::chooseAndOpen);
        open.setId("menuOpen");
        recentMenu.setId("menuRecent");
        MenuItem quit = item("Quit", Feather.LOG_OUT, new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN),
                () -> getScene().getWindow().hide());
        MenuItem importLineage = item("Import OpenLineage…", Feather.DOWNLOAD, null, this::chooseAndImport);
        importLineage.setId("menuImportOpenLineage");
        Menu file = new Menu("File", null, open, recentMenu, importLineage, new SeparatorMenuItem(), quit);

        MenuItem find = item("Find node…", Feather.SEARCH, new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), graphView::focusSearch);
        MenuItem fit = item("Fit graph to window", Feather.MAXIMIZE, new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN),
                graphView::fitToWindow);
        MenuItem expand = item("Expand all systems", Feather.PLUS_SQUARE, new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN),
                () -> viewModel.graph().expandAll(false));
        MenuItem collapse = item("Collapse all", Feather.MINUS_SQUARE,
                new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), viewModel.graph()::collapseAll);
        MenuItem verifyAll = item("Verify all flows", Feather.CHECK_CIRCLE, new KeyCodeCombination(KeyCode.F5), this::verifyAll);
        verifyAll.setId("menuVerifyAll");
        Menu view = new Menu("View", null, find, fit, expand, collapse, new SeparatorMenuItem(), verifyAll, new SeparatorMenuItem());
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5, KeyCode.DIGIT6};
        for (int i = 0; i < tabs.getTabs().size() && i < digits.length; i++) {
            int index = i;
            view.getItems().add(item("Go to " + tabs.getTabs().get(i).getText(), null,
                    new KeyCodeCombination(digits[i], KeyCombination.SHORTCUT_DOWN), () -> tabs.selectIndex(index)));
        }

        MenuItem keys = item("Keyboard shortcuts", Feather.COMMAND, null, this::showShortcuts);
        MenuItem about = item("About Headwater", Feather.INFO, null, this::showAbout);
        about.setId("menuAbout");
        Menu help = new Menu("Help", null, keys, about);
        MenuBar bar = new MenuBar(file, view, help);
        bar.setId("menuBar");
        return bar;
    }

    private static MenuItem item(String text, Feather icon, KeyCombination keys, Runnable action) {
        MenuItem item = new MenuItem(text, icon == null ? null : new FontIcon(icon));
        if (keys != null) {
            item.setAccelerator(keys);
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private void fillRecent() {
        recentMenu.getItems().clear();
        for (Path p : viewModel.recentConfigs()) {
            MenuItem item = new MenuItem(p.toString());
            item.setOnAction(e -> viewModel.open(p));
            item.setMnemonicParsing(false);
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private void chooseAndOpen() {
        Path start = viewModel.recentConfigs().isEmpty() ? Path.of(System.getProperty("user.dir"))
                : viewModel.recentConfigs().get(0).toAbsolutePath().getParent();
        dialogs.chooseFileToOpen("Open pipeline", start, "Pipeline configs (*.yaml, *.yml)", "yaml", "yml").ifPresent(viewModel::open);
    }

    private void chooseAndImport() {
        dialogs.chooseFileToOpen("Import OpenLineage events", Path.of(System.getProperty("user.dir")),
                "OpenLineage events, one a line (*.ndjson, *.jsonl, *.json)", "ndjson", "jsonl", "json").ifPresent(viewModel::importOpenLineage);
    }

    /** F5: verifies every flow in the Verify tab. */
    public void verifyAll() {
        if (tabs.run(WorkTabs.VERIFY_ALL, null).isEmpty()) {
            dialogs.showInfo("Verify all flows", "The pipeline is not live yet; try again when the status bar says Live.");
        }
    }

    private void showShortcuts() {
        dialogs.showInfo("Keyboard shortcuts", String.join("\n",
                "Ctrl+O\topen a pipeline config",
                "Ctrl+F\tfind a node of the graph",
                "Ctrl+0\tfit the graph to the window",
                "Ctrl+E / Ctrl+Shift+E\texpand / collapse all systems",
                "F5\tverify all flows",
                "Ctrl+1…5\tgo to a work tab",
                "Ctrl+Q\tquit",
                "",
                "Graph: click selects, double-click expands or collapses, drag pans, wheel zooms, right-click for more."));
    }

    private void showAbout() {
        dialogs.showInfo("About Headwater", "Headwater — a workbench for data lineage and integrity.\n\n"
                + "Java " + System.getProperty("java.version") + ", JavaFX " + System.getProperty("javafx.runtime.version", "?") + "\n"
                + "Longest UI (FX thread) stall since start: " + stalls.longestStallMillis() + " ms");
    }

    /** Restores the window's bounds from the preferences. */
    public void restoreBounds(Stage stage) {
        viewModel.preferences().windowBounds().ifPresent(b -> {
            stage.setX(b.x());
            stage.setY(b.y());
            stage.setWidth(b.width());
            stage.setHeight(b.height());
            stage.setMaximized(b.maximized());
        });
    }

    /** Saves the window's bounds and divider positions, and stops polling. */
    public void saveLayoutAndStop(Stage stage) {
        poller.stop();
        WorkbenchPreferences prefs = viewModel.preferences();
        prefs.setWindowBounds(new WorkbenchPreferences.Bounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized()));
        prefs.setDividers(TOP_SPLIT, topSplit.getDividerPositions());
        prefs.setDividers(MAIN_SPLIT, mainSplit.getDividerPositions());
        prefs.save();
        tabs.disposeAll();
        graphView.dispose();
    }

    public PipelineGraphView graphView() {
        return graphView;
    }

    public WorkTabs tabs() {
        return tabs;
    }
}
