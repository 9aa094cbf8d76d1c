package io.headwater.views.demo;

import io.headwater.engine.model.Flow;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/** A consume flow's consumer and whether it runs, for the stop/restart buttons. */
public final class ConsumerSwitch {
    private final Flow flow;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(true);

    ConsumerSwitch(Flow flow, boolean running) {
        this.flow = flow;
        this.running.set(running);
    }

    public String flowId() {
        return flow.id();
    }

    public Flow flow() {
        return flow;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public boolean isRunning() {
        return running.get();
    }

    void setRunning(boolean value) {
        running.set(value);
    }
}
