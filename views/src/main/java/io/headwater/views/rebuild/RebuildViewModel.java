package io.headwater.views.rebuild;

import io.headwater.engine.Cancelled;
import io.headwater.engine.integrity.Finding;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Row;
import io.headwater.engine.replay.AsOf;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.engine.workbench.RebuildReport;
import io.headwater.engine.workbench.TimeTravelReport;
import io.headwater.engine.workbench.Workbench;
import io.headwater.views.common.FlowState;
import io.headwater.views.common.WorkbenchState;
import io.headwater.views.verify.Failure;
import io.headwater.views.verify.ProgressMeter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Rebuild view's state and commands: rebuild a derived dataset from its log into a shadow,
 * with progress (events per second, lag, ETA) and a throughput chart, cancel, then show the
 * shadow's verification and the swap decision. A rebuild has three steps: replay, verify, and the
 * swap, which the store describes once the shadow is open, so the view shows it planned before it
 * happens and done or refused after ({@link #swap()}). An offset or instant start point
 * materialises the dataset as of then instead (time travel, read-only), into a table of rows.
 *
 * <p>While rebuilding, the flows into the dataset are {@link FlowState#IN_FLIGHT}; after a swap
 * they are {@link FlowState#VERIFIED} (the shadow verified clean). A refused swap leaves the live
 * store, so they get back their earlier state. Engine calls run on {@code background}; every
 * property changes on {@code ui} only. Not thread-safe: call from the UI thread.
 */
public final class RebuildViewModel {
    /** Rows of a time-travel materialisation shown in the table. */
    static final int MAX_ROWS = 500;
    /** A rebuild's steps: replay, verify, swap. */
    static final int STEPS = 3;
    /** Points kept on the throughput chart. */
    static final int MAX_SAMPLES = 600;

    private final Workbench workbench;
    private final WorkbenchState state;
    private final Executor background;
    private final Executor ui;
    private final ProgressMeter meter;
    private final ThroughputSampler sampler;

    private final ObservableList<DatasetRef> datasets = FXCollections.observableArrayList();
    private final ObservableList<DatasetRef> datasetsReadOnly = FXCollections.unmodifiableObservableList(datasets);
    private final ObjectProperty<DatasetRef> dataset = new SimpleObjectProperty<>();
    private final ObjectProperty<StartPoint> startPoint = new SimpleObjectProperty<>(StartPoint.BEGINNING);
    private final StringProperty startValue = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper phase = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Choose a derived dataset to rebuild.");
    private final ReadOnlyObjectWrapper<RebuildReport> report = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper decision = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper verification = new ReadOnlyStringWrapper("");
    private final SwapStep swap = new SwapStep();
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ObservableList<Finding> findingsReadOnly = FXCollections.unmodifiableObservableList(findings);
    private final ObservableList<ThroughputSample> samples = FXCollections.observableArrayList();
    private final ObservableList<ThroughputSample> samplesReadOnly = FXCollections.unmodifiableObservableList(samples);
    private final ReadOnlyObjectWrapper<TimeTravelReport> materialized = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<Row> rowsReadOnly = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyObjectWrapper<Failure> failure = new ReadOnlyObjectWrapper<>();
    private volatile Cancellation cancellation;

    public RebuildViewModel(Workbench workbench, WorkbenchState state, Executor background, Executor ui) {
        this(workbench, state, background, ui, System::nanoTime);
    }

    /** With a given clock, for tests of rates and estimates. */
    RebuildViewModel(Workbench workbench, WorkbenchState state, Executor background, Executor ui, LongSupplier nanoClock) {
        this.workbench = Objects.requireNonNull(workbench, "workbench");
        this.state = Objects.requireNonNull(state, "state");
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.meter = new ProgressMeter(nanoClock, ProgressMeter.DEFAULT_INTERVAL);
        this.sampler = new ThroughputSampler(nanoClock);
    }

    /** Loads the datasets that can be rebuilt and selects the first. */
    public CompletableFuture<Void> load() {
        return CompletableFuture.supplyAsync(workbench::rebuildableDatasets, background).handle((refs, error) -> {
            ui.execute(() -> {
                if (error != null) {
                    failure.set(Failure.of("Cannot list the derived datasets", error));
                } else {
                    datasets.setAll(refs);
                    if (dataset.get() == null && !refs.isEmpty()) {
                        dataset.set(refs.get(0));
                    }
                }
            });
            return null;
        });
    }

    /** Rebuilds from the beginning, or materialises as of the start point when it is an offset or an instant. */
    public CompletableFuture<Void> run() {
        return startPoint.get() == StartPoint.BEGINNING ? rebuild() : materialize();
    }

    /** Rebuilds the selected dataset from the beginning of its log (or resumes an interrupted rebuild). */
    public CompletableFuture<Void> rebuild() {
        DatasetRef ref = dataset.get();
        if (running.get() || ref == null) {
            return CompletableFuture.completedFuture(null);
        }
        Cancellation c = begin("Rebuilding " + ref + "…");
        report.set(null);
        decision.set("");
        verification.set("");
        swap.clear();
        findings.clear();
        samples.setAll(new ThroughputSample(0, 0, 0));
        sampler.start();
        return CompletableFuture.supplyAsync(() -> rebuildMarkingFlows(ref, c), background).handle((r, error) -> {
            ui.execute(() -> finishRebuild(ref, r, error));
            return null;
        });
    }

    /** Runs on the background thread: the flows into the dataset are in flight meanwhile. */
    private RebuildReport rebuildMarkingFlows(DatasetRef ref, Cancellation c) {
        List<String> flows = workbench.pipeline().flowsInto(ref).stream().map(Flow::id).toList();
        Map<String, FlowState> before = new LinkedHashMap<>();
        flows.forEach(f -> before.put(f, state.flowState(f)));
        flows.forEach(f -> state.setFlowState(f, FlowState.IN_FLIGHT));
        try {
            RebuildReport r = workbench.rebuild(ref, c, listener("Replaying the log", 0, true), listener("Verifying the shadow", 1, false),
                    step -> ui.execute(() -> swap.planned(step)));
            if (r.swapped()) {
                flows.forEach(f -> state.setFlowState(f, FlowState.VERIFIED));
            } else {
                before.forEach(state::setFlowState);
            }
            return r;
        } catch (RuntimeException e) {
            before.forEach(state::setFlowState);
            throw e;
        }
    }

    private Cancellation begin(String what) {
        Cancellation c = new Cancellation();
        cancellation = c;
        running.set(true);
        progress.set(-1);
        progressText.set("");
        phase.set("Starting");
        status.set(what);
        meter.start();
        return c;
    }

    private ProgressListener listener(String phaseName, int phaseIndex, boolean replay) {
        boolean[] started = {false};
        return (done, total, unit) -> {
            if (replay) {
                sampler.events(done);
            } else {
                sampler.rows(done);
            }
            if (!started[0]) {
                started[0] = true;
                meter.start();
            }
            if (meter.due()) {
                ProgressMeter.Reading reading = meter.read(done, total);
                ui.execute(() -> showProgress(phaseName, phaseIndex, reading, unit, replay));
            }
        };
    }

    private void showProgress(String phaseName, int phaseIndex, ProgressMeter.Reading reading, String unit, boolean replay) {
        phase.set(phaseName);
        progress.set(reading.fraction() < 0 ? -1 : reading.fraction());
        String text = reading.describe(unit);
        if (replay && reading.total() >= 0) {
            text += String.format(" · lag %,d", Math.max(0, reading.total() - reading.done()));
        }
        progressText.set("Step " + (phaseIndex + 1) + " of " + STEPS + ", " + phaseName.toLowerCase(Locale.ROOT) + ": " + text);
    }

    private void finishRebuild(DatasetRef ref, RebuildReport r, Throwable error) {
        running.set(false);
        progressText.set("");
        sample();
        if (error != null) {
            progress.set(0);
            phase.set("");
            swap.stopped();
            if (Failure.unwrap(error) instanceof Cancelled) {
                status.set("Rebuild of " + ref + " cancelled; the live store is unchanged. Run again to resume.");
            } else {
                status.set("Rebuild of " + ref + " failed.");
                failure.set(Failure.of("Rebuild of " + ref + " failed", error));
            }
            return;
        }
        progress.set(1);
        phase.set("Done");
        VerificationResult v = r.verification();
        verification.set(String.format("Shadow verified against the system of record: %,d compared, %,d missing, %,d extra, %,d mismatched, %,d in flight (%.2f s)",
                v.compared(), v.counts().missing(), v.counts().extra(), v.counts().mismatched(), v.counts().inFlight(),
                v.elapsed().toMillis() / 1000.0));
        findings.setAll(v.corruptFindings());
        String replay = String.format("%s%,d events read, %,d applied in %.2f s (%,.0f events/s)", r.resumed() ? "resumed; " : "",
                r.eventsRead(), r.eventsApplied(), r.replayTime().toMillis() / 1000.0, r.eventsPerSecond());
        swap.finished(r.swapStep(), r.swapped());
        if (r.swapped()) {
            decision.set("SWAPPED: the shadow verified clean and replaced the live " + ref);
        } else {
            decision.set("REFUSED: the shadow has " + v.counts().corrupt() + " finding(s); the live " + ref + " was kept");
        }
        status.set("Rebuild of " + ref + " done: " + replay);
        report.set(r);
    }

    /** Materialises the selected dataset as of the start point's offset or instant, read-only. */
    public CompletableFuture<Void> materialize() {
        DatasetRef ref = dataset.get();
        if (running.get() || ref == null) {
            return CompletableFuture.completedFuture(null);
        }
        AsOf asOf;
        try {
            asOf = startPoint.get().asOf(startValue.get());
        } catch (IllegalArgumentException e) {
            failure.set(Failure.of("Invalid start point", e));
            return CompletableFuture.completedFuture(null);
        }
        Cancellation c = begin("Materialising " + ref + " as of " + asOf.describe() + "…");
        materialized.set(null);
        rows.clear();
        return CompletableFuture.supplyAsync(() -> workbench.materialize(ref, asOf, MAX_ROWS, c, listener("Reading the log", 0, true)), background)
                .handle((t, error) -> {
                    ui.execute(() -> {
                        running.set(false);
                        progressText.set("");
                        phase.set(error == null ? "Done" : "");
                        progress.set(error == null ? 1 : 0);
                        if (error != null) {
                            boolean cancelled = Failure.unwrap(error) instanceof Cancelled;
                            status.set(cancelled ? "Time travel cancelled." : "Time travel failed.");
                            if (!cancelled) {
                                failure.set(Failure.of("Cannot materialise " + ref + " as of " + asOf.describe(), error));
                            }
                        } else {
                            materialized.set(t);
                            rows.setAll(t.rows());
                            status.set(String.format("%s as of %s: %,d rows (%,d events applied)%s", ref, t.asOf(), t.totalRows(), t.eventsApplied(),
                                    t.totalRows() > t.rows().size() ? String.format("; showing the first %,d", t.rows().size()) : ""));
                        }
                    });
                    return null;
                });
    }

    /** Asks the running rebuild or time travel to stop. */
    public void cancel() {
        Cancellation c = cancellation;
        if (c != null && running.get()) {
            c.cancel();
            status.set("Cancelling…");
        }
    }

    /** Adds a point to the throughput chart (the view calls this every 500 ms while running). */
    public void sample() {
        ThroughputSample s = sampler.sample();
        if (s == null) {
            return;
        }
        samples.add(s);
        if (samples.size() > MAX_SAMPLES) {
            samples.remove(0, samples.size() - MAX_SAMPLES);
        }
    }

    /** The field names of the materialised dataset, for the time-travel table's columns. */
    public List<String> columns() {
        TimeTravelReport t = materialized.get();
        return t == null ? List.of() : t.dataset().fieldNames();
    }

    public ObservableList<DatasetRef> datasets() {
        return datasetsReadOnly;
    }

    public ObjectProperty<DatasetRef> datasetProperty() {
        return dataset;
    }

    public ObjectProperty<StartPoint> startPointProperty() {
        return startPoint;
    }

    /** The offset or instant, as text, when the start point needs one. */
    public StringProperty startValueProperty() {
        return startValue;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** "Replaying the log", "Verifying the shadow", "Done". */
    public ReadOnlyStringProperty phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** The current phase's progress, 0 to 1, or -1 when unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Events done, events per second, lag and ETA. */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RebuildReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** The swap decision in words: starts with SWAPPED or REFUSED. */
    public ReadOnlyStringProperty decisionProperty() {
        return decision.getReadOnlyProperty();
    }

    /** The rebuild's last step as the store describes it, and whether it is planned, done or refused. */
    public SwapStep swap() {
        return swap;
    }

    /** The shadow's verification in words. */
    public ReadOnlyStringProperty verificationProperty() {
        return verification.getReadOnlyProperty();
    }

    /** The shadow's corrupt findings, when the swap was refused. */
    public ObservableList<Finding> findings() {
        return findingsReadOnly;
    }

    public ObservableList<ThroughputSample> samples() {
        return samplesReadOnly;
    }

    public ReadOnlyObjectProperty<TimeTravelReport> materializedProperty() {
        return materialized.getReadOnlyProperty();
    }

    /** The time-travel rows. */
    public ObservableList<Row> rows() {
        return rowsReadOnly;
    }

    public ReadOnlyObjectProperty<Failure> failureProperty() {
        return failure.getReadOnlyProperty();
    }
}
