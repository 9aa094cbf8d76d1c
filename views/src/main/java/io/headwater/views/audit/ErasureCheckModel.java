package io.headwater.views.audit;

import io.headwater.engine.audit.ErasureLocation;
import io.headwater.engine.audit.ErasureTrace;
import io.headwater.engine.workbench.AuditWorkbench;
import io.headwater.views.verify.Failure;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Audit view's erase check: a data subject ({@code customers:42}) traced through every place the
 * lineage leads it to, with how many records still hold it in each. The trace runs on
 * {@code background}; properties change on {@code ui}. Not thread-safe: call from the UI thread.
 */
public final class ErasureCheckModel {
    private final AuditWorkbench audits;
    private final Executor background;
    private final Executor ui;
    private final Consumer<Failure> failures;
    private final StringProperty subject = new SimpleStringProperty("customers:");
    private final ObservableList<ErasureLocation> locations = FXCollections.observableArrayList();
    private final ObservableList<ErasureLocation> locationsReadOnly = FXCollections.unmodifiableObservableList(locations);
    private final ReadOnlyBooleanWrapper deleted = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Enter a data subject (DATASET:KEY) and press Trace subject.");

    ErasureCheckModel(AuditWorkbench audits, Executor background, Executor ui, Consumer<Failure> failures) {
        this.audits = audits;
        this.background = background;
        this.ui = ui;
        this.failures = failures;
    }

    /** Traces the subject through every store the lineage leads to. */
    public CompletableFuture<Void> trace() {
        String text = subject.get() == null ? "" : subject.get().trim();
        summary.set("Tracing " + text + "…");
        return CompletableFuture.supplyAsync(() -> audits.eraseCheck(text), background).handle((trace, error) -> {
            ui.execute(() -> {
                if (error != null) {
                    locations.clear();
                    summary.set("The trace of " + text + " failed.");
                    failures.accept(Failure.of("Cannot trace " + text, error));
                } else {
                    show(trace);
                }
            });
            return null;
        });
    }

    private void show(ErasureTrace trace) {
        deleted.set(trace.deleted());
        locations.setAll(trace.locations());
        int holding = trace.holding().size();
        summary.set(trace.subject().text() + (trace.deleted() ? " (deleted in the system of record)" : " (still in the system of record)")
                + ": " + (holding == 0 ? "no copy holds it" : holding + " of " + trace.locations().size() + " places "
                + (trace.deleted() ? "still hold it" : "hold it")) + " — traced in " + trace.elapsed().toMillis() + " ms");
    }

    /** The data subject to trace: {@code customers:42}. */
    public StringProperty subjectProperty() {
        return subject;
    }

    public ObservableList<ErasureLocation> locations() {
        return locationsReadOnly;
    }

    /** Whether the traced subject is deleted in the system of record (so every place still holding it is a finding). */
    public ReadOnlyBooleanProperty deletedProperty() {
        return deleted.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
