package io.headwater.views.verify;

import io.headwater.engine.model.Flow;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** A flow the user may tick to verify. */
public final class FlowChoice {
    private final Flow flow;
    private final BooleanProperty selected = new SimpleBooleanProperty(false);

    FlowChoice(Flow flow) {
        this.flow = flow;
    }

    public Flow flow() {
        return flow;
    }

    public String id() {
        return flow.id();
    }

    /** {@code index-customers (kafka.customers → search.customers)}. */
    public String label() {
        return flow.id() + "  (" + flow.from() + " → " + flow.to() + ")";
    }

    public BooleanProperty selectedProperty() {
        return selected;
    }

    public boolean isSelected() {
        return selected.get();
    }

    public void setSelected(boolean value) {
        selected.set(value);
    }
}
