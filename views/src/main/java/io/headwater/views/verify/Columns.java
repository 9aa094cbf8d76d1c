package io.headwater.views.verify;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;

/** Read-only table columns for the work views: text, and right-aligned grouped numbers. */
public final class Columns {
    private Columns() {
    }

    public static <T> TableColumn<T, String> text(String name, Function<T, String> value, double width) {
        TableColumn<T, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    public static <T> TableColumn<T, Number> number(String name, Function<T, Number> value, double width) {
        TableColumn<T, Number> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Number item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : String.format("%,d", item.longValue()));
                setAlignment(Pos.CENTER_RIGHT);
            }
        });
        c.setPrefWidth(width);
        return c;
    }

    /** A text column whose cells are styled by their value (e.g. a verdict in green or red). */
    public static <T> TableColumn<T, String> styled(String name, Function<T, String> value, double width, Function<String, String> style) {
        TableColumn<T, String> c = text(name, value, width);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setStyle(empty || item == null ? "" : style.apply(item));
            }
        });
        return c;
    }

    /** A number column that draws non-zero counts in the danger colour (missing, extra, mismatched). */
    public static <T> TableColumn<T, Number> count(String name, Function<T, Number> value, double width, String nonZeroStyle) {
        TableColumn<T, Number> c = number(name, value, width);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Number item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : String.format("%,d", item.longValue()));
                setAlignment(Pos.CENTER_RIGHT);
                setStyle(!empty && item != null && item.longValue() > 0 ? nonZeroStyle : "");
            }
        });
        return c;
    }
}
