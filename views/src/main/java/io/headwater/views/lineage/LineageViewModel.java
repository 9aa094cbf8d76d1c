package io.headwater.views.lineage;

import io.headwater.engine.lineage.FieldPath;
import io.headwater.engine.lineage.LineageGraph;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldRef;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.workbench.Workbench;
import io.headwater.views.common.WorkbenchState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The lineage view's state: every field of the pipeline with its tags (filterable), the picked
 * field's upstream origin and downstream reach with their paths, and the highlight it puts on the
 * graph through the {@link WorkbenchState}. Engine calls run on {@code background}; properties
 * change on {@code ui}. Not thread-safe: call from the UI thread.
 */
public final class LineageViewModel {
    private final Workbench workbench;
    private final WorkbenchState state;
    private final Executor background;
    private final Executor ui;
    private final List<FieldItem> allFields = new ArrayList<>();
    private final Map<FieldRef, FieldItem> byRef = new HashMap<>();
    private final ObservableList<FieldItem> fields = FXCollections.observableArrayList();
    private final ObservableList<LineageRow> rows = FXCollections.observableArrayList();
    private final ObservableList<FieldItem> fieldsView = FXCollections.unmodifiableObservableList(fields);
    private final ObservableList<LineageRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<FieldRef> picked = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Pick a field to see where it comes from and where it goes.");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private LineageGraph lineage;
    private CompletableFuture<Void> loaded = CompletableFuture.completedFuture(null);

    private record Loaded(LineageGraph graph, List<FieldItem> fields) {
    }

    private record Reach(List<FieldPath> origin, List<FieldPath> impact) {
    }

    public LineageViewModel(Workbench workbench, WorkbenchState state, Executor background, Executor ui) {
        this.workbench = Objects.requireNonNull(workbench, "workbench");
        this.state = Objects.requireNonNull(state, "state");
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
        filter.addListener((obs, old, text) -> applyFilter());
    }

    /** Reads the pipeline's fields and lineage; completes (on the UI executor) once they are shown. */
    public CompletableFuture<Void> load() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> {
            Pipeline p = workbench.pipeline();
            return new Loaded(new LineageGraph(p), fieldsOf(p));
        }, background).whenComplete((result, failure) -> ui.execute(() -> {
            if (failure != null) {
                error.set("Cannot read the pipeline: " + failure.getMessage());
            } else {
                lineage = result.graph();
                allFields.clear();
                allFields.addAll(result.fields());
                byRef.clear();
                result.fields().forEach(i -> byRef.put(i.ref(), i));
                applyFilter();
            }
            done.complete(null);
        }));
        loaded = done;
        return done;
    }

    private static List<FieldItem> fieldsOf(Pipeline p) {
        List<FieldItem> out = new ArrayList<>();
        p.datasets().forEach((Dataset d) -> {
            for (Field f : d.fields()) {
                out.add(FieldItem.of(new FieldRef(d.ref(), f.name()), f));
            }
        });
        return out;
    }

    private void applyFilter() {
        String f = filter.get() == null ? "" : filter.get().trim();
        fields.setAll(allFields.stream().filter(i -> i.matches(f)).toList());
    }

    /**
     * Picks a field: lists its origin and reach and highlights them on the graph (once the pipeline is
     * loaded, when picked earlier).
     *
     * @return completes when the rows are shown
     */
    public CompletableFuture<Void> pick(FieldRef field) {
        return loaded.thenCompose(v -> pickLoaded(field));
    }

    private CompletableFuture<Void> pickLoaded(FieldRef field) {
        LineageGraph graph = lineage;
        if (graph == null || field == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> new Reach(graph.origin(field), graph.impact(field)), background).whenComplete((r, failure) -> ui.execute(() -> {
            if (failure != null) {
                error.set("Cannot follow " + field + ": " + failure.getMessage());
            } else {
                show(field, r.origin(), r.impact());
            }
            done.complete(null);
        }));
        return done;
    }

    private void show(FieldRef field, List<FieldPath> origin, List<FieldPath> impact) {
        error.set("");
        picked.set(field);
        List<LineageRow> out = new ArrayList<>();
        origin.forEach(p -> out.add(row(LineageRow.UPSTREAM, p)));
        impact.forEach(p -> out.add(row(LineageRow.DOWNSTREAM, p)));
        rows.setAll(out);
        Set<FieldRef> reached = new LinkedHashSet<>();
        reached.add(field);
        origin.forEach(p -> reached.add(p.target()));
        impact.forEach(p -> reached.add(p.target()));
        List<FieldPath> paths = new ArrayList<>(origin);
        paths.addAll(impact);
        long datasets = impact.stream().map(p -> p.target().dataset()).distinct().count();
        summary.set(field + " — reaches " + impact.size() + (impact.size() == 1 ? " field" : " fields") + " in " + datasets
                + (datasets == 1 ? " dataset" : " datasets") + downstreamNote(impact) + "; "
                + (origin.isEmpty() ? "it is an origin (nothing flows into it)" : "computed from " + origin.size() + " upstream "
                + (origin.size() == 1 ? "field" : "fields")));
        state.setHighlight(new WorkbenchState.Highlight(field, List.copyOf(reached), paths));
    }

    private static String downstreamNote(List<FieldPath> impact) {
        long copies = impact.stream().filter(p -> p.hops().stream().allMatch(h -> h.isPlainCopy())).count();
        return impact.isEmpty() ? "" : " (" + copies + " copied unchanged)";
    }

    private LineageRow row(String direction, FieldPath p) {
        FieldItem item = byRef.get(p.target());
        return new LineageRow(direction, p.target().toString(), item == null ? "" : item.tagsText(), p.render(), p.hops().size());
    }

    /** Removes the highlight from the graph and forgets the picked field. */
    public void clear() {
        picked.set(null);
        rows.clear();
        summary.set("Pick a field to see where it comes from and where it goes.");
        state.setHighlight(WorkbenchState.Highlight.NONE);
    }

    /** Fields matching the filter (a name part or a tag, e.g. {@code pii:email}). */
    public ObservableList<FieldItem> fields() {
        return fieldsView;
    }

    public ObservableList<LineageRow> rows() {
        return rowsView;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ReadOnlyObjectProperty<FieldRef> pickedProperty() {
        return picked.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
