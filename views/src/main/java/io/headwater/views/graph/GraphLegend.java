package io.headwater.views.graph;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/** What the graph's colours mean. */
final class GraphLegend extends HBox {
    GraphLegend() {
        super(14);
        setId("graphLegend");
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 10, 4, 10));
        getChildren().addAll(
                entry("verified", GraphStyle.VERIFIED_FILL, GraphStyle.VERIFIED_STROKE),
                entry("in flight", GraphStyle.IN_FLIGHT_FILL, GraphStyle.IN_FLIGHT_STROKE),
                entry("corrupt", GraphStyle.CORRUPT_FILL, GraphStyle.CORRUPT_STROKE),
                entry("not verified", GraphStyle.UNKNOWN_FILL, GraphStyle.UNKNOWN_STROKE),
                entry("source", GraphStyle.SOURCE_FILL, GraphStyle.SOURCE_STROKE),
                entry("lineage", "#ffffff", GraphStyle.HIGHLIGHT_STROKE));
    }

    private static Label entry(String text, String fill, String stroke) {
        Region swatch = new Region();
        swatch.setMinSize(16, 12);
        swatch.setPrefSize(16, 12);
        swatch.setStyle("-fx-background-color: " + fill + "; -fx-border-color: " + stroke + "; -fx-border-width: 2; -fx-background-radius: 3; -fx-border-radius: 3;");
        Label l = new Label(text, swatch);
        l.getStyleClass().add("text-small");
        return l;
    }
}
