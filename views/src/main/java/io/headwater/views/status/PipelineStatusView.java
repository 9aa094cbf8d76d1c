package io.headwater.views.status;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The pipeline status window's content: start-up progress, then a live table of every system and
 * dataset with its size and how far each derived store lags behind the log. Refreshes every two
 * seconds once live.
 */
public final class PipelineStatusView extends BorderPane {
    public static final String STYLE_HEADER = "hw-status-header";

    private final Timeline refresher;

    public PipelineStatusView(PipelineStatusViewModel viewModel) {
        setId("pipelineStatusView");
        Label title = new Label();
        title.setId("statusTitle");
        title.getStyleClass().addAll("title-3", STYLE_HEADER);
        title.textProperty().bind(viewModel.titleProperty());

        Label phase = new Label();
        phase.setId("statusPhase");
        phase.textProperty().bind(viewModel.phaseProperty());
        ProgressBar bar = new ProgressBar();
        bar.setId("startupProgress");
        bar.setPrefWidth(260);
        bar.progressProperty().bind(viewModel.progressProperty());
        bar.visibleProperty().bind(viewModel.liveProperty().not());
        HBox progressLine = new HBox(12, bar, phase);

        Label error = new Label();
        error.setId("statusError");
        error.getStyleClass().add("danger");
        error.setWrapText(true);
        error.textProperty().bind(viewModel.errorProperty());
        error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        VBox top = new VBox(8, title, progressLine, error);
        top.setPadding(new Insets(12));
        setTop(top);

        TableView<StatusRow> table = new TableView<>(viewModel.rows());
        table.setId("statusTable");
        table.getColumns().add(column("System", StatusRow::system, 110));
        table.getColumns().add(column("Kind", StatusRow::kind, 90));
        table.getColumns().add(column("Role", StatusRow::role, 80));
        table.getColumns().add(column("Dataset", StatusRow::dataset, 220));
        table.getColumns().add(column("Records", StatusRow::sizeText, 110));
        table.getColumns().add(column("Lag", StatusRow::lagText, 140));
        table.getColumns().add(column("State", StatusRow::state, 260));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox.setVgrow(table, Priority.ALWAYS);
        setCenter(table);
        BorderPane.setMargin(table, new Insets(0, 12, 0, 12));

        Label latency = new Label();
        latency.setId("statusLatency");
        latency.textProperty().bind(viewModel.latencyProperty());
        HBox bottom = new HBox(latency);
        bottom.setPadding(new Insets(8, 12, 8, 12));
        setBottom(bottom);

        refresher = new Timeline(new KeyFrame(Duration.seconds(2), e -> viewModel.refresh()));
        refresher.setCycleCount(Timeline.INDEFINITE);
        viewModel.liveProperty().addListener((obs, was, isLive) -> {
            if (isLive) {
                refresher.play();
            }
        });
    }

    private static TableColumn<StatusRow, String> column(String name, java.util.function.Function<StatusRow, String> value, double width) {
        TableColumn<StatusRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    /** Stops the periodic refresh (when the window closes). */
    public void stop() {
        refresher.stop();
    }

}
