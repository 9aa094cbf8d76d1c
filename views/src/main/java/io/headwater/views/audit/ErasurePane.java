package io.headwater.views.audit;

import atlantafx.base.theme.Styles;
import io.headwater.engine.audit.ErasureLocation;
import io.headwater.views.verify.Columns;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The erase check: a data subject, and every place the lineage leads it to with how many records still hold it. */
final class ErasurePane extends VBox {

    ErasurePane(ErasureCheckModel model) {
        super(8);
        setPadding(new Insets(8));
        TextField subject = new TextField();
        subject.setId("auditSubject");
        subject.setPromptText("customers:42");
        subject.setPrefColumnCount(18);
        subject.textProperty().bindBidirectional(model.subjectProperty());
        Button trace = new Button("Trace subject");
        trace.setId("auditTrace");
        trace.setOnAction(e -> model.trace());
        subject.setOnAction(e -> model.trace());
        Label summary = new Label();
        summary.setId("auditErasureSummary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.summaryProperty());
        HBox.setHgrow(summary, Priority.ALWAYS);
        HBox row = new HBox(10, new Label("Data subject:"), subject, trace, summary);
        row.setAlignment(Pos.CENTER_LEFT);

        TableView<ErasureLocation> table = new TableView<>(model.locations());
        table.setId("auditErasure");
        table.setPlaceholder(new Label("Where does a subject still live after its deletion? Enter DATASET:KEY (customers:42) and trace it."));
        table.getColumns().add(Columns.text("Place", ErasureLocation::place, 260));
        table.getColumns().add(Columns.text("Kind", l -> l.kind().label(), 240));
        table.getColumns().add(Columns.text("Linked by", ErasureLocation::how, 130));
        table.getColumns().add(Columns.number("Records holding it", ErasureLocation::records, 140));
        table.getColumns().add(Columns.text("Details", l -> String.join("; ", l.details()), 300));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(ErasureLocation item, boolean empty) {
                super.updateItem(item, empty);
                setStyle(empty || item == null || !item.holds() || !model.deletedProperty().get() ? ""
                        : "-fx-background-color: -color-danger-subtle;");
                setTooltip(empty || item == null || item.details().isEmpty() ? null : new Tooltip(String.join("\n", item.details())));
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(row, table);
        summary.getStyleClass().add(Styles.TEXT_MUTED);
    }
}
