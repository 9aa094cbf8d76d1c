package io.headwater.views.graph;

import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import javafx.scene.paint.Color;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The icon of each kind of system, the same in the graph, the details pane and the status bar:
 * a Feather glyph per kind, so that a store is recognised before its label is read. Databases are
 * cylinders and servers, logs a list, search engines magnifiers, key-value stores an archive or a
 * bolt, blob stores a folder. Stateless; {@link #icon} makes a node, so call it on the FX thread.
 */
public final class SystemIcons {
    /** The colour of the glyphs: the graph's text colour. */
    static final Color GLYPH = Color.web("#1f2328");

    private SystemIcons() {
    }

    /** The glyph of a kind; every kind has its own. */
    public static Feather glyph(SystemKind kind) {
        return switch (kind) {
            case POSTGRES -> Feather.DATABASE;
            case MYSQL -> Feather.SERVER;
            case H2 -> Feather.HARD_DRIVE;
            case KAFKA -> Feather.LIST;
            case LUCENE -> Feather.SEARCH;
            case OPENSEARCH -> Feather.ZOOM_IN;
            case ELASTICSEARCH -> Feather.CROSSHAIR;
            case MVSTORE -> Feather.ARCHIVE;
            case REDIS -> Feather.ZAP;
            case BLOBSTORE -> Feather.FOLDER;
        };
    }

    /** A new icon node of a kind, {@code size} pixels high. */
    public static FontIcon icon(SystemKind kind, int size) {
        FontIcon icon = new FontIcon(glyph(kind));
        icon.setIconSize(size);
        icon.setIconColor(GLYPH);
        return icon;
    }

    /**
     * The role a system of this kind usually has: a relational database is the record, Kafka the
     * log, the rest derived stores. The graph names the role only where it differs (a PostgreSQL
     * table kept as a derived store, an event-sourced Kafka topic), so those are not mistaken for it.
     */
    public static Role usualRole(SystemKind kind) {
        return switch (kind) {
            case POSTGRES, MYSQL -> Role.RECORD;
            case KAFKA -> Role.LOG;
            case H2, LUCENE, OPENSEARCH, ELASTICSEARCH, MVSTORE, REDIS, BLOBSTORE -> Role.DERIVED;
        };
    }
}
