package io.headwater.views.common;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

/**
 * The line a view shows in place of its write actions when nothing in the pipeline may be written:
 * faults and rebuilds write into a store, and Headwater only reads attached systems unless the user
 * allowed it. Shown while {@code writable} is empty.
 */
public final class ReadOnlyNote {
    /** What the note says, for views and tests. */
    public static final String TEXT = "Nothing here may be written: headwater only reads attached systems. "
            + "Add writable: true to a system in the config, or start with --allow-write SYSTEM, to allow it.";

    private ReadOnlyNote() {
    }

    /** A label shown only while {@code writable} is empty, with {@code what} (e.g. "Rebuilds") saying which actions are off. */
    public static Label of(String id, String what, ObservableList<?> writable) {
        Label note = new Label(what + " are off. " + TEXT);
        note.setId(id);
        note.setWrapText(true);
        note.getStyleClass().add(Styles.TEXT_MUTED);
        note.setTooltip(new Tooltip(what + " write into the store they act on. " + TEXT));
        note.visibleProperty().bind(Bindings.isEmpty(writable));
        note.managedProperty().bind(note.visibleProperty());
        return note;
    }
}
