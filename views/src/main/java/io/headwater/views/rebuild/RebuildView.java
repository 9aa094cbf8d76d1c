package io.headwater.views.rebuild;

import atlantafx.base.theme.Styles;
import io.headwater.engine.model.DatasetRef;
import io.headwater.views.common.ReadOnlyNote;
import io.headwater.views.common.DialogService;
import io.headwater.views.verify.Failure;
import java.util.Objects;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The Rebuild tab: a derived dataset and a start point; Rebuild (from the beginning) or, for an
 * offset or instant, a read-only time-travel materialisation; progress with events per second, lag
 * and ETA; a live throughput chart; then the shadow's verification and the swap decision.
 */
public final class RebuildView extends BorderPane {
    private final RebuildViewModel viewModel;
    private final DialogService dialogs;
    private final ChangeListener<Failure> failureListener;
    private final Timeline sampler;

    public RebuildView(RebuildViewModel viewModel, DialogService dialogs) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        setId("rebuildView");
        setTop(controls());
        SplitPane split = new SplitPane(new ThroughputChart(viewModel.samples()), lower());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.42);
        setCenter(split);
        BorderPane.setMargin(split, new Insets(0, 12, 12, 12));

        failureListener = (obs, old, f) -> {
            if (f != null) {
                dialogs.showError(f.title(), f.message(), f.cause());
            }
        };
        viewModel.failureProperty().addListener(failureListener);
        sampler = new Timeline(new KeyFrame(Duration.millis(500), e -> viewModel.sample()));
        sampler.setCycleCount(Timeline.INDEFINITE);
        viewModel.runningProperty().addListener((obs, was, is) -> {
            if (is) {
                sampler.play();
            } else {
                sampler.stop();
            }
        });
        viewModel.load();
    }

    private VBox controls() {
        Label title = new Label("Rebuild a derived store");
        title.getStyleClass().add(Styles.TITLE_3);
        Label hint = new Label("Three steps: replays the log into a shadow store, verifies the shadow against the system of record, "
                + "and swaps it in only when clean (the store says how it swaps). An offset or instant shows the dataset as it was then (read-only).");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);

        ComboBox<DatasetRef> dataset = new ComboBox<>(viewModel.datasets());
        dataset.setId("rebuildDataset");
        dataset.setPromptText("derived dataset");
        dataset.valueProperty().bindBidirectional(viewModel.datasetProperty());
        dataset.setPrefWidth(220);
        ComboBox<StartPoint> start = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(StartPoint.values()));
        start.setId("rebuildStartPoint");
        start.valueProperty().bindBidirectional(viewModel.startPointProperty());
        TextField value = new TextField();
        value.setId("rebuildStartValue");
        value.textProperty().bindBidirectional(viewModel.startValueProperty());
        value.promptTextProperty().bind(Bindings.createStringBinding(() -> viewModel.startPointProperty().get() == StartPoint.INSTANT
                ? "2026-11-25T10:00:00Z" : "offset, e.g. 120", viewModel.startPointProperty()));
        value.visibleProperty().bind(viewModel.startPointProperty().isNotEqualTo(StartPoint.BEGINNING));
        value.managedProperty().bind(value.visibleProperty());
        value.setPrefWidth(200);

        Button run = new Button();
        run.setId("rebuildRun");
        run.textProperty().bind(Bindings.createStringBinding(() -> viewModel.startPointProperty().get() == StartPoint.BEGINNING
                ? "Rebuild" : "Materialise as of", viewModel.startPointProperty()));
        run.getStyleClass().add(Styles.ACCENT);
        run.setDefaultButton(true);
        run.disableProperty().bind(viewModel.runningProperty().or(viewModel.datasetProperty().isNull()));
        run.setOnAction(e -> viewModel.run());
        Button cancel = new Button("Cancel");
        cancel.setId("rebuildCancel");
        cancel.disableProperty().bind(viewModel.runningProperty().not());
        cancel.setOnAction(e -> viewModel.cancel());
        HBox choose = new HBox(10, new Label("Dataset"), dataset, new Label("Start"), start, value, run, cancel);
        Label readOnly = ReadOnlyNote.of("rebuildReadOnly", "Rebuilds", viewModel.datasets());
        choose.setAlignment(Pos.CENTER_LEFT);

        ProgressBar bar = new ProgressBar(0);
        bar.setId("rebuildProgress");
        bar.setPrefWidth(220);
        bar.progressProperty().bind(viewModel.progressProperty());
        bar.visibleProperty().bind(viewModel.runningProperty().or(viewModel.phaseProperty().isNotEmpty()));
        Label progressText = new Label();
        progressText.setId("rebuildProgressText");
        progressText.textProperty().bind(viewModel.progressTextProperty());
        HBox progress = new HBox(10, bar, progressText);
        progress.setAlignment(Pos.CENTER_LEFT);

        Label status = new Label();
        status.setId("rebuildStatus");
        status.textProperty().bind(viewModel.statusProperty());
        status.setWrapText(true);
        VBox box = new VBox(8, title, hint, readOnly, choose, progress, status);
        box.setPadding(new Insets(12));
        return box;
    }

    private TabPane lower() {
        Tab result = new Tab("Shadow verification and swap", new RebuildResultPane(viewModel));
        result.setId("rebuildResultTab");
        Tab rows = new Tab("Time travel rows", new TimeTravelPane(viewModel));
        rows.setId("rebuildRowsTab");
        TabPane tabs = new TabPane(result, rows);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        viewModel.materializedProperty().addListener((obs, old, t) -> tabs.getSelectionModel().select(t != null ? rows : result));
        viewModel.reportProperty().addListener((obs, old, r) -> {
            if (r != null) {
                tabs.getSelectionModel().select(result);
            }
        });
        return tabs;
    }

    /** Stops the chart's sampling, cancels a running rebuild and stops listening. */
    public void dispose() {
        sampler.stop();
        viewModel.failureProperty().removeListener(failureListener);
        viewModel.cancel();
    }
}
