package io.headwater.views.rebuild;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A rebuild's last step, the swap, as the store describes it ("Step 3 of 3, swap: one CREATE OR
 * REPLACE VIEW …", naming the live and the shadow instance) and where it stands: planned once the
 * shadow is open, then done, refused or not reached. Not thread-safe: the UI thread only.
 */
public final class SwapStep {
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<SwapStage> stage = new ReadOnlyObjectWrapper<>(SwapStage.NONE);

    /** Forgets the previous rebuild's step. */
    void clear() {
        text.set("");
        stage.set(SwapStage.NONE);
    }

    /** The store told how it will swap, before the replay. */
    void planned(String step) {
        show(step, SwapStage.PLANNED);
    }

    /** The rebuild finished: the shadow was swapped in, or the swap was refused. */
    void finished(String step, boolean swapped) {
        show(step, swapped ? SwapStage.DONE : SwapStage.REFUSED);
    }

    /** The rebuild was cancelled or failed: a planned swap did not happen. */
    void stopped() {
        if (stage.get() == SwapStage.PLANNED) {
            stage.set(SwapStage.NOT_REACHED);
        }
    }

    private void show(String step, SwapStage now) {
        text.set("Step " + RebuildViewModel.STEPS + " of " + RebuildViewModel.STEPS + ", swap: " + step);
        stage.set(now);
    }

    /** "Step 3 of 3, swap: …"; empty before the store has told it. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SwapStage> stageProperty() {
        return stage.getReadOnlyProperty();
    }
}
