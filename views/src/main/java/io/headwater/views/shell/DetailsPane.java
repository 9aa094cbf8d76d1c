package io.headwater.views.shell;

import io.headwater.views.graph.NodeDetails;
import io.headwater.views.graph.SystemIcons;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The side pane with the selected node's details: kind, address, size, checkpoint lag, last verification. */
final class DetailsPane extends ScrollPane {
    private final Label title = new Label();
    private final GridPane grid = new GridPane();

    DetailsPane() {
        setId("detailsPane");
        setFitToWidth(true);
        title.setId("detailsTitle");
        title.getStyleClass().add("title-4");
        title.setWrapText(true);
        grid.setHgap(10);
        grid.setVgap(6);
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the widest name sets the column; values wrap
        names.setHgrow(Priority.NEVER);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(names, values);
        Label heading = new Label("Details");
        heading.getStyleClass().addAll("text-caption", "text-muted");
        VBox box = new VBox(8, heading, title, grid);
        box.setPadding(new Insets(10, 12, 10, 12));
        setContent(box);
    }

    void show(NodeDetails details) {
        title.setText(details.title());
        title.setGraphic(details.systemKind().map(k -> SystemIcons.icon(k, 18)).orElse(null));
        grid.getChildren().clear();
        int row = 0;
        for (NodeDetails.Line line : details.lines()) {
            Label name = new Label(line.name());
            name.getStyleClass().add("text-muted");
            name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // names are never cut short; values wrap
            Label value = new Label(line.value());
            value.setWrapText(true);
            value.setId("detail-" + line.name().replace(' ', '-').toLowerCase(java.util.Locale.ROOT));
            grid.addRow(row++, name, value);
        }
    }
}
