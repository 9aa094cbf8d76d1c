package io.headwater.views.log;

import io.headwater.views.verify.Columns;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;

/** The record table the Browse and Search tabs share, and the pane that shows a whole value. */
final class LogTables {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private LogTables() {
    }

    static TableView<LogRow> records(ObservableList<LogRow> rows, String id, String placeholder) {
        TableView<LogRow> table = new TableView<>(rows);
        table.setId(id);
        table.setPlaceholder(new Label(placeholder));
        table.getColumns().add(Columns.number("Part.", LogRow::partition, 50));
        table.getColumns().add(Columns.number("Offset", LogRow::offset, 80));
        table.getColumns().add(Columns.text("Time", r -> r.time() == null ? "" : TIME.format(r.time()), 170));
        table.getColumns().add(Columns.text("Key", LogRow::key, 160));
        table.getColumns().add(Columns.text("Value", LogRow::preview, 600));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return table;
    }

    /** A read-only text area showing the selected record's whole value. */
    static TextArea detail(TableView<LogRow> table) {
        TextArea area = new TextArea();
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefRowCount(4);
        area.setPromptText("Select a record to see its whole key and value.");
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, r) ->
                area.setText(r == null ? "" : "key: " + r.key() + "\n\n" + r.value()));
        return area;
    }
}
