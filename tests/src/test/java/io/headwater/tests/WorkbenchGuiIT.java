package io.headwater.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.app.runtime.DemoSession;
import io.headwater.app.runtime.NamedThreads;
import io.headwater.views.status.PipelineStatusView;
import io.headwater.views.status.PipelineStatusViewModel;
import io.headwater.views.status.StatusRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.ApplicationTest;

/** The workbench window on the live embedded demo, headless (Monocle). */
class WorkbenchGuiIT extends ApplicationTest {
    private final ExecutorService background = Executors.newCachedThreadPool(new NamedThreads("gui-test"));
    private PipelineStatusViewModel viewModel;
    private Path dataDir;

    @Override
    public void start(Stage stage) throws Exception {
        dataDir = Files.createTempDirectory("headwater-gui");
        viewModel = new PipelineStatusViewModel(background, Platform::runLater,
                progress -> DemoSession.start(DemoPipelineSupport.demo(dataDir), 11, 20, progress));
        stage.setScene(new Scene(new PipelineStatusView(viewModel), 1100, 700));
        stage.show();
        viewModel.start();
    }

    @AfterEach
    void stopPipeline() {
        viewModel.close();
        background.shutdownNow();
    }

    @Test
    void showsStartupProgressThenEveryDerivedDatasetLive() throws Exception {
        DemoPipelineSupport.await("the pipeline to go live", 120_000, () -> viewModel.liveProperty().get());
        Label phase = lookup("#statusPhase").queryAs(Label.class);
        assertThat(phase.getText()).isEqualTo("Live");

        TableView<StatusRow> table = lookup("#statusTable").queryTableView();
        DemoPipelineSupport.await("rows for every derived dataset", 30_000, () -> table.getItems().stream().map(StatusRow::dataset).toList()
                .containsAll(java.util.List.of("search.customers", "cache.customers", "analytics.balances", "analytics.daily_totals", "blobs.documents")));
        DemoPipelineSupport.await("the search index to fill", 60_000, () -> table.getItems().stream()
                .anyMatch(r -> r.dataset().equals("search.customers") && r.size() >= 200));
        assertThat(lookup("#statusError").queryAs(Label.class).isVisible()).isFalse();
    }
}
