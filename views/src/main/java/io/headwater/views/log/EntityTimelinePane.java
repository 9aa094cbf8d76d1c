package io.headwater.views.log;

import atlantafx.base.theme.Styles;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.replay.HistoryEntry;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * One entity's changes as a timeline, oldest first: a card per change with when, what and where in
 * the log, and its fields before and after, the changed ones highlighted.
 */
final class EntityTimelinePane extends BorderPane {

    EntityTimelinePane(EntityHistoryModel history) {
        ComboBox<DatasetRef> dataset = new ComboBox<>(history.datasets());
        dataset.setId("logHistoryDataset");
        dataset.setPrefWidth(220);
        dataset.valueProperty().bindBidirectional(history.datasetProperty());
        TextField key = new TextField();
        key.setId("logHistoryKey");
        key.setPromptText("key: 42 or a=1,b=x");
        key.textProperty().bindBidirectional(history.keyProperty());
        key.setOnAction(e -> history.load());
        Button show = new Button("Show history");
        show.setId("logHistoryShow");
        show.getStyleClass().add(Styles.ACCENT);
        show.disableProperty().bind(history.runningProperty().or(history.keyProperty().isEmpty()));
        show.setOnAction(e -> history.load());
        Button cancel = new Button("Cancel");
        cancel.disableProperty().bind(history.runningProperty().not());
        cancel.setOnAction(e -> history.cancel());
        HBox bar = new HBox(8, new Label("Dataset"), dataset, new Label("Key"), key, show, cancel);
        bar.setAlignment(Pos.CENTER_LEFT);
        Label status = new Label();
        status.setId("logHistoryStatus");
        status.textProperty().bind(history.statusProperty());
        VBox top = new VBox(6, bar, status);
        top.setPadding(new Insets(6, 0, 6, 0));

        ListView<HistoryEntry> timeline = new ListView<>(history.entries());
        timeline.setId("logTimeline");
        timeline.setPlaceholder(new Label("The entity's changes appear here, oldest first."));
        timeline.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(HistoryEntry item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                setGraphic(empty || item == null ? null : card(item, getIndex() + 1));
            }
        });
        setTop(top);
        setCenter(timeline);
        setPadding(new Insets(6));
    }

    private static VBox card(HistoryEntry e, int number) {
        Label head = new Label("#" + number + "  " + e.op() + "   " + (e.committedAt() == null ? "" : LogTables.TIME.format(e.committedAt()))
                + "   at " + e.position() + (e.transaction() == null ? "" : "   tx " + e.transaction()));
        head.getStyleClass().add(Styles.TEXT_BOLD);
        Label changed = new Label(e.changedFields().isEmpty() ? "no field changed" : "changed: " + String.join(", ", e.changedFields()));
        changed.getStyleClass().add(Styles.TEXT_MUTED);
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(2);
        grid.addRow(0, bold("field"), bold("before"), bold("after"));
        int row = 1;
        for (ChangeLine line : ChangeLine.of(e)) {
            Label f = new Label(line.field());
            Label b = new Label(line.before());
            Label a = new Label(line.after());
            if (line.changed()) {
                String style = "-fx-background-color: -color-warning-subtle; -fx-font-weight: bold; -fx-padding: 0 4 0 4;";
                f.setStyle(style);
                b.setStyle(style + " -fx-text-fill: -color-danger-fg;");
                a.setStyle(style + " -fx-text-fill: -color-success-fg;");
            }
            grid.addRow(row++, f, b, a);
        }
        VBox card = new VBox(4, head, changed, grid);
        card.setPadding(new Insets(6, 8, 8, 8));
        card.setStyle("-fx-border-color: -color-border-default; -fx-border-radius: 6; -fx-background-radius: 6;");
        return card;
    }

    private static Label bold(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }
}
