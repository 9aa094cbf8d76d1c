package io.headwater.views.graph;

import io.headwater.engine.model.SystemKind;
import javafx.application.Platform;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import org.graphstream.ui.javafx.util.ImageCache;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The system icons as GraphStream draws them: a node's {@code icon: url(...)} is looked up in
 * GraphStream's image cache, which would otherwise read an image file through {@code javax.imageio}
 * and {@code javafx-swing} (not on our class path). So each kind's glyph ({@link SystemIcons}) is
 * rendered once on the FX thread and put into that cache under {@link #url}, before any node asks.
 * FX thread only.
 */
final class GraphIcons extends ImageCache {
    /** The icon height in pixels, next to 14 px bold system labels. */
    static final int SIZE = 16;
    /** Room the icon takes left of the label: its width plus GraphStream's 5 px gap. */
    static final double WIDTH = SIZE + 5;
    private static final String SCHEME = "headwater-icon:";

    private GraphIcons() {
    }

    /** The name a stylesheet gives a kind's icon. */
    static String url(SystemKind kind) {
        return SCHEME + kind.configName();
    }

    /** Renders every kind's icon into GraphStream's cache, once. */
    static void register() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("graph icons are rendered on the FX thread");
        }
        for (SystemKind kind : SystemKind.values()) {
            imageCache.computeIfAbsent(url(kind), u -> render(kind));
        }
    }

    /** The image cached for a kind, or null before {@link #register()}. */
    static Image cached(SystemKind kind) {
        return imageCache.get(url(kind));
    }

    private static Image render(SystemKind kind) {
        FontIcon icon = SystemIcons.icon(kind, SIZE);
        // The glyph's font comes with CSS, which a node outside a scene does not get: give it one of its own first.
        new Scene(new Group(icon));
        icon.applyCss();
        SnapshotParameters transparent = new SnapshotParameters();
        transparent.setFill(Color.TRANSPARENT);
        return icon.snapshot(transparent, null);
    }
}
