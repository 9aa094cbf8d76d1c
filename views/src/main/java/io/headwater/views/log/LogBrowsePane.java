package io.headwater.views.log;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/** A partition of the topic, a page of records at a time, from an offset or a time. */
final class LogBrowsePane extends BorderPane {

    LogBrowsePane(LogViewModel viewModel) {
        ComboBox<PartitionInfo> partition = new ComboBox<>(viewModel.partitions());
        partition.setId("logPartition");
        partition.valueProperty().bindBidirectional(viewModel.partitionProperty());
        ComboBox<LogViewModel.Position> mode = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(LogViewModel.Position.values()));
        mode.setId("logPositionMode");
        mode.valueProperty().bindBidirectional(viewModel.positionProperty());
        TextField at = new TextField();
        at.setId("logPosition");
        at.setPrefWidth(210);
        at.textProperty().bindBidirectional(viewModel.positionTextProperty());
        at.promptTextProperty().bind(Bindings.createStringBinding(() -> viewModel.positionProperty().get() == LogViewModel.Position.TIME
                ? "2026-11-25T10:00:00Z" : "offset (empty: first)", viewModel.positionProperty()));
        at.setOnAction(e -> viewModel.browse());
        Button go = new Button("Go");
        go.setId("logGo");
        go.setOnAction(e -> viewModel.browse());
        Button previous = new Button("◀ Previous");
        previous.setId("logPrevious");
        previous.disableProperty().bind(viewModel.hasPreviousProperty().not().or(viewModel.loadingProperty()));
        previous.setOnAction(e -> viewModel.previousPage());
        Button next = new Button("Next ▶");
        next.setId("logNext");
        next.disableProperty().bind(viewModel.hasNextProperty().not().or(viewModel.loadingProperty()));
        next.setOnAction(e -> viewModel.nextPage());
        Label page = new Label();
        page.setId("logPage");
        page.textProperty().bind(viewModel.pageProperty());
        HBox bar = new HBox(8, partition, new Label("from"), mode, at, go, previous, next, page);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 0, 6, 0));

        TableView<LogRow> table = LogTables.records(viewModel.records(), "logRecords", "Choose a topic to browse its records.");
        SplitPane split = new SplitPane(table, LogTables.detail(table));
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.75);
        setTop(bar);
        setCenter(split);
        setPadding(new Insets(6));
    }
}
