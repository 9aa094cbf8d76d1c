package io.headwater.app.gui;

import io.headwater.app.cli.CommonOptions;
import io.headwater.app.runtime.NamedThreads;
import io.headwater.views.shell.WorkbenchPreferences;
import java.lang.management.ManagementFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workbench application: the main window opens at once on the embedded demo (or the
 * {@code --config} given), which starts in the background with progress and then goes live.
 */
public final class WorkbenchApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(WorkbenchApp.class);
    static volatile CommonOptions options = new CommonOptions();

    private final ExecutorService background = Executors.newCachedThreadPool(new NamedThreads("gui-worker"));
    private WorkbenchWindow window;
    private Thread shutdownHook;

    @Override
    public void start(Stage stage) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        CommonOptions o = options;
        LivePipelineOpener opener = new LivePipelineOpener(o.configFile(), o.dataDirOverride(), LivePipelineOpener.DEMO_RATE);
        window = WorkbenchWindow.show(stage, opener, WorkbenchPreferences.inUserHome(), background);
        LOG.info("window usable {} ms after launch", System.currentTimeMillis() - jvmStart);
        window.viewModel().liveProperty().addListener((obs, was, live) -> {
            if (live) {
                LOG.info("pipeline live {} ms after launch", System.currentTimeMillis() - jvmStart);
            }
        });
        // A window killed by a signal still stops its pipeline in order: consumers, stores, servers.
        shutdownHook = new Thread(window::stopPipeline, "headwater-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        window.openInitial();
    }

    @Override
    public void stop() {
        window.closeWindow();
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
        window.stopPipeline();
        background.shutdownNow();
    }
}
