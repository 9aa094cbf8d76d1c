package io.headwater.views.demo;

import atlantafx.base.theme.Styles;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** What happened, line by line, coloured by kind; follows the newest line. */
final class NarrationPane extends BorderPane {
    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss");

    NarrationPane(DemoViewModel viewModel) {
        Label title = new Label("What happened");
        title.getStyleClass().add(Styles.TITLE_4);
        Button clear = new Button("Clear");
        clear.setOnAction(e -> viewModel.clearNarration());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(8, title, gap, clear);
        head.setAlignment(Pos.CENTER_LEFT);

        Label verdict = new Label();
        verdict.setId("demoVerdict");
        verdict.setWrapText(true);
        verdict.setMaxWidth(Double.MAX_VALUE);
        verdict.getStyleClass().add(Styles.TITLE_4);
        verdict.visibleProperty().bind(viewModel.verdictProperty().isNotNull());
        verdict.managedProperty().bind(verdict.visibleProperty());
        viewModel.verdictProperty().addListener((obs, old, v) -> {
            verdict.setText(v == null ? "" : v.line());
            verdict.setStyle(v == null ? "" : v.held()
                    ? "-fx-background-color: -color-success-subtle; -fx-text-fill: -color-success-fg; -fx-padding: 8 10 8 10; -fx-background-radius: 6;"
                    : "-fx-background-color: -color-danger-subtle; -fx-text-fill: -color-danger-fg; -fx-padding: 8 10 8 10; -fx-background-radius: 6;");
        });
        VBox top = new VBox(6, head, verdict);
        top.setPadding(new Insets(0, 0, 6, 0));

        ListView<NarrationLine> list = new ListView<>(viewModel.narration());
        list.setId("demoNarration");
        list.setPlaceholder(new Label("Press a fault, a consumer's Stop or a scenario: what happens is told here."));
        list.setCellFactory(l -> new ListCell<>() {
            private final Label line = new Label();

            {
                // wrap long lines at the list's width instead of scrolling sideways
                line.setWrapText(true);
                line.maxWidthProperty().bind(l.widthProperty().subtract(30));
                line.setMinHeight(Region.USE_PREF_SIZE);
            }

            /** The theme gives list cells a fixed size; a wrapped line needs its own height. */
            @Override
            protected double computePrefHeight(double width) {
                return getGraphic() == null ? super.computePrefHeight(width)
                        : line.prefHeight(line.getMaxWidth()) + snappedTopInset() + snappedBottomInset() + 4;
            }

            @Override
            protected void updateItem(NarrationLine item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                if (empty || item == null) {
                    setGraphic(null);
                    return;
                }
                line.setText(TIME.format(item.time()) + "  " + item.text());
                line.setStyle(switch (item.kind()) {
                    case ACTION -> "-fx-font-weight: bold;";
                    case BAD -> "-fx-text-fill: -color-danger-fg; -fx-font-weight: bold;";
                    case GOOD -> "-fx-text-fill: -color-success-fg; -fx-font-weight: bold;";
                    case INFO -> "";
                });
                setGraphic(line);
            }
        });
        viewModel.narration().addListener((ListChangeListener<NarrationLine>) c -> {
            if (!viewModel.narration().isEmpty()) {
                list.scrollTo(viewModel.narration().size() - 1);
            }
        });
        setTop(top);
        setCenter(list);
        setPadding(new Insets(0, 0, 0, 8));
    }
}
