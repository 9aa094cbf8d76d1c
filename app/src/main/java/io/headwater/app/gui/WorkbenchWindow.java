package io.headwater.app.gui;

import atlantafx.base.theme.PrimerLight;
import io.headwater.views.common.WorkbenchState;
import io.headwater.views.shell.FxDialogService;
import io.headwater.views.shell.FxStallMonitor;
import io.headwater.views.shell.MainWindow;
import io.headwater.views.shell.MainWindowViewModel;
import io.headwater.views.shell.PipelineOpener;
import io.headwater.views.shell.StandardTabs;
import io.headwater.views.shell.WorkbenchPreferences;
import java.util.concurrent.ExecutorService;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workbench's main window put together on a stage: theme, dialogs, shared state, the view
 * model, the window and the FX stall monitor. Used by {@link WorkbenchApp} and the GUI tests.
 * FX thread only, except {@link #stopPipeline()}.
 */
public final class WorkbenchWindow {
    private static final Logger LOG = LoggerFactory.getLogger(WorkbenchWindow.class);

    private final Stage stage;
    private final MainWindowViewModel viewModel;
    private final MainWindow window;
    private final FxStallMonitor stalls;

    private WorkbenchWindow(Stage stage, MainWindowViewModel viewModel, MainWindow window, FxStallMonitor stalls) {
        this.stage = stage;
        this.viewModel = viewModel;
        this.window = window;
        this.stalls = stalls;
    }

    /** Builds the window on the stage and shows it; the pipeline is not opened yet (see {@link #openInitial()}). */
    public static WorkbenchWindow show(Stage stage, PipelineOpener opener, WorkbenchPreferences preferences, ExecutorService background) {
        return show(stage, opener, preferences, background, 1440, 900);
    }

    /** As {@link #show(Stage, PipelineOpener, WorkbenchPreferences, ExecutorService)}, with the window's first size. */
    public static WorkbenchWindow show(Stage stage, PipelineOpener opener, WorkbenchPreferences preferences, ExecutorService background,
                                       double width, double height) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        FxStallMonitor stalls = new FxStallMonitor().start();
        FxDialogService dialogs = new FxDialogService(stage);
        WorkbenchState state = new WorkbenchState();
        MainWindowViewModel vm = new MainWindowViewModel(opener, state, dialogs, preferences, background, Platform::runLater);
        MainWindow window = new MainWindow(vm, dialogs, StandardTabs.all(), stalls, background, Platform::runLater);
        stage.titleProperty().bind(vm.titleProperty());
        stage.setScene(new Scene(window, width, height));
        window.restoreBounds(stage);
        stage.show();
        return new WorkbenchWindow(stage, vm, window, stalls);
    }

    /** Starts the initial pipeline in the background. */
    public void openInitial() {
        viewModel.openInitial();
    }

    public MainWindowViewModel viewModel() {
        return viewModel;
    }

    public MainWindow window() {
        return window;
    }

    public FxStallMonitor stalls() {
        return stalls;
    }

    /** Saves the layout and stops polling (FX thread); logs the longest stall. */
    public void closeWindow() {
        window.saveLayoutAndStop(stage);
        LOG.info("longest FX thread stall this session: {} ms ({} pings)", stalls.longestStallMillis(), stalls.pings());
        stalls.close();
    }

    /** Stops the open pipeline; blocking, any thread. */
    public void stopPipeline() {
        viewModel.close();
    }
}
