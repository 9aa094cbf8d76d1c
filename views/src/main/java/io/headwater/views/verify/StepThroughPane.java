package io.headwater.views.verify;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * The bisection of the selected verification, a step at a time: each segment compared (equal or
 * not), each split, and at last the keys it narrowed down to. For teaching how a verification finds
 * a few bad records among millions without comparing every one.
 */
final class StepThroughPane extends BorderPane {

    StepThroughPane(StepThrough steps) {
        ListView<BisectionStep> list = new ListView<>(steps.shown());
        list.setId("verifySteps");
        Label placeholder = new Label("Press Next step to walk through how the verification narrowed the differences down. "
                + "(A small table fits in one segment and is compared record by record at once.)");
        placeholder.setWrapText(true);
        list.setPlaceholder(placeholder);
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(BisectionStep item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                    setStyle("");
                    return;
                }
                setText("    ".repeat(item.level()) + symbol(item.kind()) + "  " + item.text());
                setStyle(style(item.kind()));
            }
        });
        steps.shown().addListener((javafx.collections.ListChangeListener<BisectionStep>) c -> {
            if (!steps.shown().isEmpty()) {
                list.scrollTo(steps.shown().size() - 1);
                list.getSelectionModel().selectLast();
            }
        });

        Button next = new Button("Next step");
        next.setId("verifyNextStep");
        next.getStyleClass().add(Styles.ACCENT);
        next.setOnAction(e -> steps.next());
        next.disableProperty().bind(steps.positionProperty().greaterThanOrEqualTo(steps.totalProperty()));
        Button all = new Button("Show all");
        all.setId("verifyAllSteps");
        all.setOnAction(e -> steps.showAll());
        all.disableProperty().bind(next.disableProperty());
        Button restart = new Button("Restart");
        restart.setOnAction(e -> steps.restart());
        Label position = new Label();
        position.setId("verifyStepPosition");
        position.textProperty().bind(Bindings.format("step %d of %d", steps.positionProperty(), steps.totalProperty()));
        HBox bar = new HBox(10, next, all, restart, position);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 0, 6, 0));
        setTop(bar);
        setCenter(list);
        setPadding(new Insets(6));
    }

    private static String symbol(BisectionStep.Kind kind) {
        return switch (kind) {
            case EQUAL -> "=";
            case DIFFERENT -> "≠";
            case SPLIT -> "⤷";
            case STOPPED -> "‖";
            case MERGED -> "▸";
            case NARROWED -> "★";
            case OMITTED -> "…";
        };
    }

    private static String style(BisectionStep.Kind kind) {
        return switch (kind) {
            case EQUAL -> "-fx-text-fill: -color-success-fg;";
            case DIFFERENT, NARROWED -> "-fx-text-fill: -color-danger-fg; -fx-font-weight: bold;";
            case SPLIT, STOPPED -> "-fx-text-fill: -color-accent-fg;";
            default -> "";
        };
    }
}
