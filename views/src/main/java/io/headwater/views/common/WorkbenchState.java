package io.headwater.views.common;

import io.headwater.engine.lineage.FieldPath;
import io.headwater.engine.model.FieldRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * State that the workbench's views share, without the toolkit: each flow's verification state
 * (the Verify, Rebuild and Demo views write it; the graph colours by it) and the lineage the graph
 * highlights (the Lineage view writes it). Listeners are called on the thread that made the change;
 * a view hands the update to its UI executor. Thread-safe.
 */
public final class WorkbenchState {
    private final Map<String, FlowState> flowStates = new ConcurrentHashMap<>();
    private final List<Consumer<String>> flowListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Highlight>> highlightListeners = new CopyOnWriteArrayList<>();
    private volatile Highlight highlight = Highlight.NONE;

    /**
     * The fields the graph highlights, and the paths between them.
     *
     * @param selected the field picked, or null for none
     */
    public record Highlight(FieldRef selected, List<FieldRef> fields, List<FieldPath> paths) {
        public static final Highlight NONE = new Highlight(null, List.of(), List.of());

        public Highlight {
            fields = List.copyOf(fields);
            paths = List.copyOf(paths);
        }
    }

    public FlowState flowState(String flowId) {
        return flowStates.getOrDefault(flowId, FlowState.UNKNOWN);
    }

    public Map<String, FlowState> flowStates() {
        return Map.copyOf(flowStates);
    }

    /** Sets a flow's state and tells the listeners (with the flow id) if it changed. */
    public void setFlowState(String flowId, FlowState state) {
        FlowState old = flowStates.put(flowId, state);
        if (old != state) {
            flowListeners.forEach(l -> l.accept(flowId));
        }
    }

    public void onFlowStateChanged(Consumer<String> listener) {
        flowListeners.add(listener);
    }

    public Highlight highlight() {
        return highlight;
    }

    public Optional<FieldRef> highlightedField() {
        return Optional.ofNullable(highlight.selected());
    }

    public void setHighlight(Highlight newHighlight) {
        highlight = newHighlight;
        highlightListeners.forEach(l -> l.accept(newHighlight));
    }

    public void onHighlightChanged(Consumer<Highlight> listener) {
        highlightListeners.add(listener);
    }
}
