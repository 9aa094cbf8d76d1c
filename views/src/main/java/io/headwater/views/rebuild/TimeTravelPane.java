package io.headwater.views.rebuild;

import io.headwater.engine.model.Row;
import io.headwater.views.verify.Columns;
import io.headwater.views.verify.FieldComparison;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;

/** The rows of a time-travel materialisation, read-only, one column per field of the dataset. */
final class TimeTravelPane extends BorderPane {

    TimeTravelPane(RebuildViewModel viewModel) {
        TableView<Row> table = new TableView<>(viewModel.rows());
        table.setId("rebuildRows");
        table.setEditable(false);
        table.setPlaceholder(new Label("Choose an offset or an instant as the start and press Materialise as of."));
        viewModel.materializedProperty().addListener((obs, old, t) -> {
            table.getColumns().clear();
            for (String field : viewModel.columns()) {
                table.getColumns().add(Columns.text(field, r -> FieldComparison.valueText(r.get(field)), 120));
            }
        });
        Label caption = new Label();
        caption.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            var t = viewModel.materializedProperty().get();
            return t == null ? "" : String.format("%s as of %s: %,d rows, %,d events applied", t.dataset().ref(), t.asOf(), t.totalRows(), t.eventsApplied());
        }, viewModel.materializedProperty()));
        setTop(caption);
        setCenter(table);
        setPadding(new Insets(6));
        BorderPane.setMargin(caption, new Insets(0, 0, 6, 0));
    }
}
