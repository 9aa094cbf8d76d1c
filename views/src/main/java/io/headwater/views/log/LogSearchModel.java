package io.headwater.views.log;

import io.headwater.engine.Cancelled;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.workbench.Workbench;
import io.headwater.views.verify.Failure;
import io.headwater.views.verify.ProgressMeter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A bounded search of a topic for a key or text: reads at most {@code maxRecords} records from
 * the beginning, and hands hits to the table in batches as they are found, with progress and
 * cancel. Keeps at most {@link #MAX_HITS} hits, then stops. Call from the UI thread.
 */
public final class LogSearchModel {
    /** Hits kept; the search stops when it has found this many. */
    public static final int MAX_HITS = 1_000;

    private final Workbench workbench;
    private final Executor background;
    private final Executor ui;
    private final Supplier<DatasetRef> topic;
    private final Consumer<Failure> failures;
    private final ProgressMeter meter;

    private final StringProperty text = new SimpleStringProperty("");
    private final LongProperty maxRecords = new SimpleLongProperty(100_000);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ObservableList<LogRow> hits = FXCollections.observableArrayList();
    private final ObservableList<LogRow> hitsReadOnly = FXCollections.unmodifiableObservableList(hits);
    private volatile Cancellation cancellation;
    private volatile boolean hitLimitReached;

    LogSearchModel(Workbench workbench, Executor background, Executor ui, Supplier<DatasetRef> topic, Consumer<Failure> failures,
                   ProgressMeter meter) {
        this.workbench = workbench;
        this.background = background;
        this.ui = ui;
        this.topic = topic;
        this.failures = failures;
        this.meter = meter;
    }

    /** Searches the chosen topic for the text; does nothing while a search runs or without text. */
    public CompletableFuture<Void> run() {
        DatasetRef t = topic.get();
        String what = text.get() == null ? "" : text.get().trim();
        if (running.get() || t == null || what.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Cancellation c = new Cancellation();
        cancellation = c;
        hitLimitReached = false;
        hits.clear();
        running.set(true);
        progress.set(-1);
        status.set("Searching " + t + " for '" + what + "'…");
        meter.start();
        long max = Math.max(1, maxRecords.get());
        HitBuffer<LogRow> buffer = new HitBuffer<>(ui, this::addHits);
        return CompletableFuture.supplyAsync(() -> workbench.search(t, what, max, c, (done, total, unit) -> {
            if (meter.due()) {
                ProgressMeter.Reading r = meter.read(done, total);
                ui.execute(() -> showProgress(r));
            }
        }, record -> {
            if (!c.isCancelled()) {
                buffer.add(LogRow.of(record));
            }
        }), background).handle((scanned, error) -> {
            ui.execute(() -> finish(buffer, t, what, scanned, error));
            return null;
        });
    }

    private void addHits(List<LogRow> batch) {
        int room = MAX_HITS - hits.size();
        if (room <= 0) {
            return;
        }
        hits.addAll(batch.size() <= room ? batch : batch.subList(0, room));
        if (hits.size() >= MAX_HITS && !hitLimitReached) {
            hitLimitReached = true;
            Cancellation c = cancellation;
            if (c != null) {
                c.cancel();
            }
        }
    }

    private void showProgress(ProgressMeter.Reading r) {
        progress.set(r.fraction());
        status.set(String.format("%,d hits · ", hits.size()) + r.describe("records"));
    }

    private void finish(HitBuffer<LogRow> buffer, DatasetRef t, String what, Long scanned, Throwable error) {
        buffer.flush();
        running.set(false);
        progress.set(error == null ? 1 : 0);
        if (error == null) {
            status.set(String.format("%,d hits for '%s' in %,d records of %s", hits.size(), what, scanned, t));
        } else if (Failure.unwrap(error) instanceof Cancelled) {
            status.set(hitLimitReached ? String.format("Stopped at the first %,d hits for '%s'", MAX_HITS, what)
                    : String.format("Search cancelled: %,d hits so far", hits.size()));
        } else {
            status.set("Search failed");
            failures.accept(Failure.of("Cannot search " + t, error));
        }
    }

    /** Stops the running search; the hits found so far stay. */
    public void cancel() {
        Cancellation c = cancellation;
        if (c != null && running.get()) {
            c.cancel();
        }
    }

    /** A key or text to look for in the records' keys and values. */
    public StringProperty textProperty() {
        return text;
    }

    /** How many records the search reads at most. */
    public LongProperty maxRecordsProperty() {
        return maxRecords;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Records scanned of the most the search reads, 0 to 1, or -1 when unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ObservableList<LogRow> hits() {
        return hitsReadOnly;
    }
}
