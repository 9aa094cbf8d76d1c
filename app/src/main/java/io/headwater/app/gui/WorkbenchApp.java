package io.headwater.app.gui;

import atlantafx.base.theme.PrimerLight;
import io.headwater.app.cli.Attached;
import io.headwater.app.cli.CommonOptions;
import io.headwater.app.runtime.DemoSession;
import io.headwater.app.runtime.NamedThreads;
import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.model.Pipeline;
import io.headwater.views.status.PipelineStatusView;
import io.headwater.views.status.PipelineStatusViewModel;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The workbench window. In this version: the live status of the embedded demo pipeline, started
 * with step-by-step progress while the window is already up.
 */
public final class WorkbenchApp extends Application {
    static volatile CommonOptions options = new CommonOptions();

    private final ExecutorService background = Executors.newCachedThreadPool(new NamedThreads("gui-worker"));
    private PipelineStatusViewModel viewModel;
    private PipelineStatusView view;
    private Thread shutdownHook;

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        viewModel = new PipelineStatusViewModel(background, Platform::runLater, progress -> {
            Pipeline pipeline = loadPipeline();
            DemoSession session = DemoSession.start(pipeline, 42, 5, progress);
            session.runtime().serveControl(request -> Attached.run(session.runtime(), request));
            return session;
        });
        view = new PipelineStatusView(viewModel);
        stage.setTitle("Headwater");
        stage.titleProperty().bind(viewModel.titleProperty());
        stage.setScene(new Scene(view, 1100, 720));
        stage.show();
        // A window killed by a signal still stops its pipeline in order: consumers, stores, servers.
        shutdownHook = new Thread(viewModel::close, "headwater-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        viewModel.start();
    }

    private static Pipeline loadPipeline() {
        CommonOptions o = options;
        Path file = o.configFile();
        Pipeline p = new PipelineLoader().load(file);
        return o.dataDirOverride() != null ? p.withDataDir(o.dataDirOverride().toAbsolutePath()) : p;
    }

    @Override
    public void stop() {
        view.stop();
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
        viewModel.close();
        background.shutdownNow();
    }
}
