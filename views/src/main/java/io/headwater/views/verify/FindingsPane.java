package io.headwater.views.verify;

import atlantafx.base.theme.Styles;
import io.headwater.engine.integrity.Finding;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The selected flow's findings (type, key, note) and the selected finding's fields side by side. */
final class FindingsPane extends SplitPane {

    FindingsPane(VerifyViewModel viewModel) {
        TableView<Finding> list = new TableView<>(viewModel.findings());
        list.setId("verifyFindings");
        list.setPlaceholder(new Label("No findings: the derived store matches its system of record."));
        list.getColumns().add(Columns.text("Type", f -> f.type().name(), 115));
        list.getColumns().add(Columns.text("Key", f -> FieldComparison.keyText(f.key()), 110));
        list.getColumns().add(Columns.text("Differing fields", f -> String.join(", ", f.differingFields()), 160));
        list.getColumns().add(Columns.text("Note", f -> f.note() == null ? "" : f.note(), 160));
        list.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, f) -> {
            if (f != null) {
                viewModel.selectedFindingProperty().set(f);
            }
        });
        viewModel.selectedFindingProperty().addListener((obs, old, f) -> list.getSelectionModel().select(f));

        TableView<FieldComparison> sideBySide = new TableView<>(viewModel.comparisons());
        sideBySide.setId("verifyComparison");
        sideBySide.setPlaceholder(new Label("Select a finding to compare its fields."));
        sideBySide.getColumns().add(Columns.text("Field", FieldComparison::field, 120));
        sideBySide.getColumns().add(Columns.text("System of record", FieldComparison::sourceValue, 200));
        sideBySide.getColumns().add(Columns.text("Derived", FieldComparison::targetValue, 200));
        sideBySide.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        sideBySide.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(FieldComparison item, boolean empty) {
                super.updateItem(item, empty);
                setStyle(empty || item == null || !item.differs() ? ""
                        : "-fx-background-color: -color-danger-subtle; -fx-font-weight: bold;");
            }
        });
        Label caption = new Label("Fields side by side (differing fields highlighted)");
        caption.getStyleClass().add(Styles.TEXT_BOLD);
        VBox right = new VBox(6, caption, sideBySide);
        VBox.setVgrow(sideBySide, Priority.ALWAYS);
        right.setPadding(new Insets(6));
        BorderPane left = new BorderPane(list);
        left.setPadding(new Insets(6));
        getItems().addAll(left, right);
        setDividerPositions(0.45);
    }
}
