package io.headwater.views.log;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** A bounded search of the topic: hits stream into the table as they are found; cancel any time. */
final class LogSearchPane extends BorderPane {

    LogSearchPane(LogSearchModel search) {
        TextField text = new TextField();
        text.setId("logSearchText");
        text.setPromptText("key or text, e.g. 42 or alice@");
        text.setPrefWidth(260);
        text.textProperty().bindBidirectional(search.textProperty());
        text.setOnAction(e -> search.run());
        TextField max = new TextField(String.valueOf(search.maxRecordsProperty().get()));
        max.setId("logSearchMax");
        max.setPrefWidth(100);
        max.setTextFormatter(new TextFormatter<>(c -> c.getControlNewText().matches("\\d{0,12}") ? c : null));
        max.textProperty().addListener((obs, old, v) -> {
            if (!v.isEmpty()) {
                search.maxRecordsProperty().set(Long.parseLong(v));
            }
        });
        Button run = new Button("Search");
        run.setId("logSearchRun");
        run.getStyleClass().add(Styles.ACCENT);
        run.disableProperty().bind(search.runningProperty().or(search.textProperty().isEmpty()));
        run.setOnAction(e -> search.run());
        Button cancel = new Button("Cancel");
        cancel.setId("logSearchCancel");
        cancel.disableProperty().bind(search.runningProperty().not());
        cancel.setOnAction(e -> search.cancel());
        HBox bar = new HBox(8, new Label("Find"), text, new Label("in at most"), max, new Label("records"), run, cancel);
        bar.setAlignment(Pos.CENTER_LEFT);

        ProgressBar progress = new ProgressBar(0);
        progress.setId("logSearchProgress");
        progress.setPrefWidth(200);
        progress.progressProperty().bind(search.progressProperty());
        progress.visibleProperty().bind(search.runningProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Label status = new Label();
        status.setId("logSearchStatus");
        status.textProperty().bind(search.statusProperty());
        HBox statusLine = new HBox(8, progress, status);
        statusLine.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, bar, statusLine);
        top.setPadding(new Insets(6, 0, 6, 0));

        TableView<LogRow> table = LogTables.records(search.hits(), "logSearchHits", "Hits appear here as they are found.");
        SplitPane split = new SplitPane(table, LogTables.detail(table));
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.75);
        setTop(top);
        setCenter(split);
        setPadding(new Insets(6));
    }
}
