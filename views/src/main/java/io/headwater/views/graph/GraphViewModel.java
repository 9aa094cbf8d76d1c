package io.headwater.views.graph;

import io.headwater.engine.discover.ConnectorState;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.spi.FlowProgress;
import io.headwater.engine.status.SystemStatus;
import io.headwater.engine.workbench.Workbench;
import io.headwater.views.common.WorkbenchState;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline graph's state: which nodes are expanded, their live sizes and lags, the flow states
 * and lineage highlight of the {@link WorkbenchState}, the selection and its details, and finding a
 * node by name. The view draws {@link #snapshotProperty()}. Engine calls run on {@code background};
 * properties change on {@code ui} only. Not thread-safe: call from the UI thread.
 */
public final class GraphViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(GraphViewModel.class);
    private static final int HISTORY_LIMIT = 200;

    private final Executor background;
    private final Executor ui;
    private final ReadOnlyObjectWrapper<GraphSnapshot> snapshot = new ReadOnlyObjectWrapper<>(GraphSnapshot.EMPTY);
    private final ReadOnlyStringWrapper selected = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<NodeDetails> details = new ReadOnlyObjectWrapper<>(NodeDetails.NONE);
    private final ReadOnlyObjectWrapper<FocusRequest> focus = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final NodeSearch search = new NodeSearch();
    private final WorkbenchState state;
    private PipelineGraphModel model;
    private Workbench workbench;

    /** Asks the view to centre a node; a new object each time, so asking twice for one node still fires. */
    public record FocusRequest(String nodeId) {
    }

    public GraphViewModel(WorkbenchState state, Executor background, Executor ui) {
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.state = Objects.requireNonNull(state, "state");
        state.onFlowStateChanged(flow -> ui.execute(() -> {
            if (model != null) {
                model.setFlowStates(state.flowStates());
                publish();
                refreshDetails();
            }
        }));
        state.onHighlightChanged(h -> ui.execute(() -> {
            if (model != null) {
                model.setHighlight(h);
                publish();
            }
        }));
    }

    /** Shows a pipeline (collapsed); {@code workbench} may be null while it is still starting. */
    public void show(Pipeline pipeline, Workbench newWorkbench) {
        workbench = newWorkbench;
        model = new PipelineGraphModel(pipeline);
        model.setFlowStates(state.flowStates());
        search.index(pipeline);
        selected.set("");
        details.set(NodeDetails.NONE);
        publish();
    }

    /** Attaches the workbench once the pipeline is live (for the verification history). */
    public void attach(Workbench live) {
        workbench = live;
        refreshDetails();
    }

    public Optional<Pipeline> pipeline() {
        return Optional.ofNullable(model).map(PipelineGraphModel::pipeline);
    }

    /** Takes a status poll's sizes, lags and connection states. */
    public void updateStatus(List<SystemStatus> statuses) {
        updateStatus(statuses, List.of());
    }

    /** Takes a status poll's sizes, lags, connection states and the observed progress of external flows. */
    public void updateStatus(List<SystemStatus> statuses, List<FlowProgress> flows) {
        updateStatus(statuses, flows, Map.of());
    }

    /** Also takes the states of the connectors that run the external flows, by connector name. */
    public void updateStatus(List<SystemStatus> statuses, List<FlowProgress> flows, Map<String, ConnectorState> connectors) {
        if (model == null) {
            return;
        }
        model.setStatus(statuses);
        model.setFlowProgress(flows);
        model.setConnectorStates(connectors);
        publish();
        refreshDetails();
    }

    /** Expands a collapsed system or dataset, or collapses an expanded one. */
    public void toggle(String nodeId) {
        if (model != null && model.setExpanded(nodeId, !model.isExpanded(nodeId))) {
            publish();
        }
    }

    public void expandAll(boolean datasets) {
        if (model != null) {
            model.expandAll(datasets);
            publish();
        }
    }

    public void collapseAll() {
        if (model != null) {
            model.collapseAll();
            publish();
        }
    }

    /** Selects a node (or nothing, with an empty id) and shows its details. */
    public void select(String nodeId) {
        selected.set(nodeId == null ? "" : nodeId);
        refreshDetails();
    }

    /**
     * Finds the node that best matches {@code text} (an exact name, then a name starting with it, then
     * one containing it), reveals it, selects it and asks the view to centre it.
     *
     * @return whether a node was found
     */
    public boolean find(String text) {
        if (model == null || text == null || text.isBlank()) {
            return false;
        }
        Optional<String> hit = search.best(text.trim());
        if (hit.isEmpty()) {
            message.set("No node matches “" + text.trim() + "”");
            return false;
        }
        model.reveal(hit.get());
        publish();
        select(hit.get());
        focus.set(new FocusRequest(hit.get()));
        List<String> others = search.matches(text.trim(), 4).stream().filter(n -> !n.equals(NodeIds.nameOf(hit.get()))).limit(3).toList();
        message.set(others.isEmpty() ? "" : "also: " + String.join(", ", others) + (search.matches(text.trim(), 5).size() > 4 ? ", …" : ""));
        return true;
    }

    /** Names matching the text, for the search box's suggestions. */
    public List<String> suggestions(String text, int limit) {
        return search.matches(text == null ? "" : text.trim(), limit);
    }

    private void publish() {
        snapshot.set(model.snapshot());
    }

    private void refreshDetails() {
        String id = selected.get();
        if (model == null || id.isEmpty()) {
            details.set(NodeDetails.NONE);
            return;
        }
        NodeDetailsBuilder builder = new NodeDetailsBuilder(model);
        NodeDetails now = builder.build(id);
        NodeDetails shown = details.get();
        if (shown.nodeId().equals(id) && !shown.value(NodeDetailsBuilder.LAST_VERIFICATION).isEmpty()) {
            now = now.with(NodeDetailsBuilder.LAST_VERIFICATION, shown.value(NodeDetailsBuilder.LAST_VERIFICATION));
        }
        details.set(now);
        List<String> flows = builder.verifiedFlowsOf(id);
        Workbench wb = workbench;
        if (wb != null && !flows.isEmpty()) {
            loadLastRun(wb, id, flows);
        }
    }

    private void loadLastRun(Workbench wb, String id, List<String> flows) {
        CompletableFuture.supplyAsync(() -> wb.verificationHistory(HISTORY_LIMIT), background).whenComplete((runs, failure) -> ui.execute(() -> {
            if (!selected.get().equals(id) || !details.get().nodeId().equals(id)) {
                return;
            }
            if (failure != null) {
                LOG.warn("cannot read the verification history", failure);
                details.set(details.get().with(NodeDetailsBuilder.LAST_VERIFICATION, "history unavailable: " + failure.getMessage()));
                return;
            }
            String text = runs.stream().filter(r -> flows.contains(r.flow())).findFirst().map(NodeDetailsBuilder::lastRunText).orElse("never");
            details.set(details.get().with(NodeDetailsBuilder.LAST_VERIFICATION, text));
        }));
    }

    public ReadOnlyObjectProperty<GraphSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<NodeDetails> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<FocusRequest> focusProperty() {
        return focus.getReadOnlyProperty();
    }

    /** A short note for the search box (e.g. nothing found), or empty. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
