package io.headwater.views.verify;

import java.util.List;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A bisection revealed one step at a time, for teaching: {@link #next()} shows the next step,
 * {@link #showAll()} all of them, {@link #restart()} none. Call from the UI thread.
 */
public final class StepThrough {
    private List<BisectionStep> all = List.of();
    private final ObservableList<BisectionStep> shown = FXCollections.observableArrayList();
    private final ObservableList<BisectionStep> shownReadOnly = FXCollections.unmodifiableObservableList(shown);
    private final ReadOnlyIntegerWrapper position = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper(0);

    void load(List<BisectionStep> steps) {
        all = List.copyOf(steps);
        total.set(all.size());
        restart();
    }

    /** Shows the next step; false when every step is shown. */
    public boolean next() {
        if (shown.size() >= all.size()) {
            return false;
        }
        shown.add(all.get(shown.size()));
        position.set(shown.size());
        return true;
    }

    public void showAll() {
        shown.setAll(all);
        position.set(shown.size());
    }

    public void restart() {
        shown.clear();
        position.set(0);
    }

    public ObservableList<BisectionStep> shown() {
        return shownReadOnly;
    }

    /** How many steps are shown. */
    public ReadOnlyIntegerProperty positionProperty() {
        return position.getReadOnlyProperty();
    }

    /** How many steps there are. */
    public ReadOnlyIntegerProperty totalProperty() {
        return total.getReadOnlyProperty();
    }
}
