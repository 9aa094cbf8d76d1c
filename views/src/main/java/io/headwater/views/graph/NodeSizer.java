package io.headwater.views.graph;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * Sizes node boxes to their labels. GraphStream 2.0 under JavaFX draws {@code size-mode: fit} and {@code rounded-box} nodes square (height = width)
 * than the text under JavaFX, so the width is measured here and given as a per-node style; widths
 * are rounded up to 12 px steps so that few distinct styles exist (GraphStream groups by style).
 */
final class NodeSizer {
    private static final double STEP = 12;
    /** The scale at which a box just holds its label; the demo fits the window at about this scale. */
    static final double PX_PER_GU = 32;
    private final Map<GraphNodeKind, Font> fonts = Map.of(
            GraphNodeKind.SYSTEM, Font.font("DejaVu Sans", FontWeight.BOLD, 14),
            GraphNodeKind.DATASET, Font.font("DejaVu Sans", 12),
            GraphNodeKind.FIELD, Font.font("DejaVu Sans", 11));
    private final Map<String, Size> cache = new HashMap<>();
    private final Text probe = new Text();

    /** A box's width and height in graph units. */
    private record Size(double width, double height) {
    }

    /** The {@code ui.style} giving a node of this kind and label its size. */
    String styleFor(GraphNodeKind kind, String label) {
        Size size = sizeOf(kind, label);
        // In graph units, so that boxes shrink when zooming out instead of piling up.
        return String.format(Locale.ROOT, "size: %.2fgu, %.2fgu;", size.width(), size.height());
    }

    /** The width in graph units of the box of a node of this kind and label. */
    double widthOf(GraphNodeKind kind, String label) {
        return sizeOf(kind, label).width();
    }

    private Size sizeOf(GraphNodeKind kind, String label) {
        return cache.computeIfAbsent(kind + "|" + label, k -> {
            probe.setFont(fonts.get(kind));
            probe.setText(label);
            double padding = kind == GraphNodeKind.SYSTEM ? 56 + GraphIcons.WIDTH : 22;
            // Labels are drawn in pixels while boxes scale with the view: a quarter more width keeps the label inside
            // when the graph is fitted to a window somewhat smaller than the scale the box was measured at.
            double width = Math.ceil((probe.getLayoutBounds().getWidth() * 1.25 + padding) / STEP) * STEP;
            int height = switch (kind) {
                case SYSTEM -> 30;
                case DATASET -> 24;
                case FIELD -> 20;
            };
            return new Size(width / PX_PER_GU, height / PX_PER_GU);
        });
    }
}
