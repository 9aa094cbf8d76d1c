package io.headwater.views.log;

import io.headwater.engine.Cancelled;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.replay.HistoryEntry;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.workbench.Workbench;
import io.headwater.views.verify.Failure;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * An entity's history, for the timeline: every change of one key of a log dataset (or of a flow's
 * target), oldest first, with the record before and after. Call from the UI thread.
 */
public final class EntityHistoryModel {
    private final Workbench workbench;
    private final Executor background;
    private final Executor ui;
    private final Consumer<Failure> failures;

    private final ObservableList<DatasetRef> datasets = FXCollections.observableArrayList();
    private final ObservableList<DatasetRef> datasetsReadOnly = FXCollections.unmodifiableObservableList(datasets);
    private final ObjectProperty<DatasetRef> dataset = new SimpleObjectProperty<>();
    private final StringProperty key = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Enter a key (42, or a=1,b=x for a composite key) and press Show history.");
    private final ObservableList<HistoryEntry> entries = FXCollections.observableArrayList();
    private final ObservableList<HistoryEntry> entriesReadOnly = FXCollections.unmodifiableObservableList(entries);
    private volatile Cancellation cancellation;

    EntityHistoryModel(Workbench workbench, Executor background, Executor ui, Consumer<Failure> failures) {
        this.workbench = workbench;
        this.background = background;
        this.ui = ui;
        this.failures = failures;
    }

    void setDatasets(List<DatasetRef> refs) {
        datasets.setAll(refs);
        if (dataset.get() == null && !refs.isEmpty()) {
            dataset.set(refs.get(0));
        }
    }

    /** Reads the chosen entity's history. */
    public CompletableFuture<Void> load() {
        DatasetRef ref = dataset.get();
        String k = key.get() == null ? "" : key.get().trim();
        if (running.get() || ref == null || k.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Cancellation c = new Cancellation();
        cancellation = c;
        running.set(true);
        entries.clear();
        status.set("Reading the history of " + ref + " key " + k + "…");
        return CompletableFuture.supplyAsync(() -> workbench.entityHistory(ref, k, c, (done, total, unit) -> { }), background)
                .handle((list, error) -> {
                    ui.execute(() -> {
                        running.set(false);
                        if (error == null) {
                            entries.setAll(list);
                            status.set(list.isEmpty() ? "No change of " + ref + " key " + k + " in the log."
                                    : list.size() + " change(s) of " + ref + " key " + k + ", oldest first");
                        } else if (Failure.unwrap(error) instanceof Cancelled) {
                            status.set("Cancelled.");
                        } else {
                            status.set("Cannot read the history.");
                            failures.accept(Failure.of("Cannot read the history of " + ref + " key " + k, error));
                        }
                    });
                    return null;
                });
    }

    public void cancel() {
        Cancellation c = cancellation;
        if (c != null && running.get()) {
            c.cancel();
        }
    }

    /** The datasets whose entities have a history: the topics and the derived datasets. */
    public ObservableList<DatasetRef> datasets() {
        return datasetsReadOnly;
    }

    public ObjectProperty<DatasetRef> datasetProperty() {
        return dataset;
    }

    /** The entity's key as on the command line: {@code 42} or {@code a=1,b=x}. */
    public StringProperty keyProperty() {
        return key;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The changes, oldest first. */
    public ObservableList<HistoryEntry> entries() {
        return entriesReadOnly;
    }
}
