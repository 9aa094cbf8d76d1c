package io.headwater.views.verify;

import io.headwater.engine.Cancelled;
import io.headwater.engine.history.VerificationRun;
import io.headwater.engine.integrity.Finding;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.model.Flow;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.engine.workbench.Workbench;
import io.headwater.views.common.FlowState;
import io.headwater.views.common.WorkbenchState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Verify view's state and commands: pick flows (or all), verify them one after another with
 * progress, rate and ETA, cancel, drill into a flow's findings and a finding's differing fields,
 * step through the bisection, see the history of earlier runs and export the session's report.
 * While a flow is verified its {@link WorkbenchState} state is {@link FlowState#IN_FLIGHT}; after,
 * {@link FlowState#VERIFIED} or {@link FlowState#CORRUPT}.
 *
 * <p>Engine calls run on {@code background}; every property changes on {@code ui} only. Not
 * thread-safe: call from the UI thread.
 */
public final class VerifyViewModel {
    /** Findings kept per flow for the drill-down (the counts stay exact). */
    static final int MAX_FINDINGS = 1_000;
    /** Bisection steps kept per flow for the step-through. */
    static final int MAX_STEPS = 2_000;
    static final int HISTORY_SIZE = 50;

    private final Workbench workbench;
    private final WorkbenchState state;
    private final Executor background;
    private final Executor ui;
    private final ProgressMeter meter;
    private final Clock clock;

    private final ObservableList<FlowChoice> flowChoices = FXCollections.observableArrayList();
    private final BooleanProperty allFlows = new SimpleBooleanProperty(true);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Choose flows and press Run.");
    private final ReadOnlyObjectWrapper<Failure> failure = new ReadOnlyObjectWrapper<>();
    private final ObservableList<FlowResult> results = FXCollections.observableArrayList();
    private final ObservableList<FlowResult> resultsReadOnly = FXCollections.unmodifiableObservableList(results);
    private final ObjectProperty<FlowResult> selectedResult = new SimpleObjectProperty<>();
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ObservableList<Finding> findingsReadOnly = FXCollections.unmodifiableObservableList(findings);
    private final ObjectProperty<Finding> selectedFinding = new SimpleObjectProperty<>();
    private final ObservableList<FieldComparison> comparisons = FXCollections.observableArrayList();
    private final ObservableList<FieldComparison> comparisonsReadOnly = FXCollections.unmodifiableObservableList(comparisons);
    private final ObservableList<VerificationRun> history = FXCollections.observableArrayList();
    private final ObservableList<VerificationRun> historyReadOnly = FXCollections.unmodifiableObservableList(history);
    private final StepThrough steps = new StepThrough();
    private volatile Cancellation cancellation;

    public VerifyViewModel(Workbench workbench, WorkbenchState state, Executor background, Executor ui) {
        this(workbench, state, background, ui, System::nanoTime, Clock.systemUTC());
    }

    /** With a given clock, for tests of rates and estimates. */
    VerifyViewModel(Workbench workbench, WorkbenchState state, Executor background, Executor ui, LongSupplier nanoClock, Clock clock) {
        this.workbench = Objects.requireNonNull(workbench, "workbench");
        this.state = Objects.requireNonNull(state, "state");
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.meter = new ProgressMeter(nanoClock, ProgressMeter.DEFAULT_INTERVAL);
        this.clock = clock;
        selectedResult.addListener((obs, old, r) -> showResult(r));
        selectedFinding.addListener((obs, old, f) -> comparisons.setAll(f == null ? List.of() : FieldComparison.of(f)));
    }

    /** Loads the verifiable flows and the history of earlier runs. */
    public CompletableFuture<Void> load() {
        return CompletableFuture.supplyAsync(workbench::verifiableFlows, background).handle((flows, error) -> {
            ui.execute(() -> {
                if (error != null) {
                    failure.set(Failure.of("Cannot list the flows", error));
                } else {
                    flowChoices.setAll(flows.stream().map(FlowChoice::new).toList());
                }
            });
            return null;
        }).thenCompose(v -> refreshHistory());
    }

    /** Reads the history of earlier runs again. */
    public CompletableFuture<Void> refreshHistory() {
        return CompletableFuture.supplyAsync(() -> workbench.verificationHistory(HISTORY_SIZE), background).handle((runs, error) -> {
            ui.execute(() -> {
                if (error != null) {
                    failure.set(Failure.of("Cannot read the verification history", error));
                } else {
                    history.setAll(runs);
                }
            });
            return null;
        });
    }

    /** The flows to verify: all when "all" is ticked or nothing is, else the ticked ones. */
    public List<String> chosenFlows() {
        List<String> ticked = flowChoices.stream().filter(FlowChoice::isSelected).map(FlowChoice::id).toList();
        return allFlows.get() || ticked.isEmpty() ? flowChoices.stream().map(FlowChoice::id).toList() : ticked;
    }

    /** Verifies the chosen flows, one after another. Does nothing while a run is going on. */
    public CompletableFuture<Void> run() {
        return verify(chosenFlows());
    }

    /** Verifies the given flows, one after another. Does nothing while a run is going on. */
    public CompletableFuture<Void> verify(List<String> flowIds) {
        if (running.get() || flowIds.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Cancellation c = new Cancellation();
        cancellation = c;
        running.set(true);
        progress.set(0);
        progressText.set("");
        status.set("Verifying " + flowIds.size() + (flowIds.size() == 1 ? " flow…" : " flows…"));
        List<String> ids = List.copyOf(flowIds);
        return CompletableFuture.runAsync(() -> verifyAll(ids, c), background).handle((v, error) -> {
            ui.execute(() -> {
                running.set(false);
                if (error != null) {
                    failure.set(Failure.of("Verification failed", error));
                }
            });
            return null;
        }).thenCompose(v -> refreshHistory());
    }

    /** Asks the running verification to stop; the flow being verified keeps its earlier state. */
    public void cancel() {
        Cancellation c = cancellation;
        if (c != null) {
            c.cancel();
            status.set("Cancelling…");
        }
    }

    private void verifyAll(List<String> ids, Cancellation c) {
        int clean = 0;
        int corrupt = 0;
        for (int i = 0; i < ids.size(); i++) {
            String flowId = ids.get(i);
            FlowState before = state.flowState(flowId);
            state.setFlowState(flowId, FlowState.IN_FLIGHT);
            try {
                FlowResult r = verifyOne(flowId, i, ids.size(), c);
                state.setFlowState(flowId, r.clean() ? FlowState.VERIFIED : FlowState.CORRUPT);
                if (r.clean()) {
                    clean++;
                } else {
                    corrupt++;
                }
                ui.execute(() -> addResult(r));
            } catch (Cancelled e) {
                state.setFlowState(flowId, before);
                String done = summary(clean, corrupt);
                ui.execute(() -> {
                    status.set("Cancelled during " + flowId + (done.isEmpty() ? "" : "; " + done));
                    progressText.set("");
                });
                return;
            } catch (RuntimeException e) {
                state.setFlowState(flowId, before);
                ui.execute(() -> failure.set(Failure.of("Verification of " + flowId + " failed", e)));
            }
        }
        String done = summary(clean, corrupt);
        ui.execute(() -> {
            progress.set(1);
            progressText.set("");
            status.set("Done: " + done);
        });
    }

    private static String summary(int clean, int corrupt) {
        if (clean + corrupt == 0) {
            return "";
        }
        return clean + " clean, " + corrupt + " corrupt";
    }

    private FlowResult verifyOne(String flowId, int index, int count, Cancellation c) {
        meter.start();
        ProgressListener listener = (done, total, unit) -> {
            if (meter.due()) {
                ProgressMeter.Reading reading = meter.read(done, total);
                ui.execute(() -> showProgress(flowId, index, count, reading, unit));
            }
        };
        FindingBuffer buffer = new FindingBuffer(MAX_FINDINGS);
        StepRecorder recorder = new StepRecorder(MAX_STEPS);
        ui.execute(() -> showProgress(flowId, index, count, meter.read(0, -1), "rows"));
        VerificationResult result = workbench.verify(flowId, c, listener, buffer, recorder);
        List<Finding> all = buffer.merge(result.findings());
        List<String> keys = all.stream().filter(f -> f.type().isCorrupt()).limit(20).map(f -> FieldComparison.keyText(f.key())).toList();
        return new FlowResult(flowId, clock.instant(), result, all, recorder.steps(keys));
    }

    private void showProgress(String flowId, int index, int count, ProgressMeter.Reading reading, String unit) {
        double part = reading.fraction() < 0 ? 0 : reading.fraction();
        progress.set((index + part) / count);
        progressText.set("Flow " + (index + 1) + " of " + count + ", " + flowId + ": " + reading.describe(unit));
    }

    private void addResult(FlowResult r) {
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).flowId().equals(r.flowId())) {
                results.set(i, r);
                if (selectedResult.get() != null && selectedResult.get().flowId().equals(r.flowId())) {
                    selectedResult.set(r);
                }
                return;
            }
        }
        results.add(r);
        if (selectedResult.get() == null) {
            selectedResult.set(r);
        }
    }

    private void showResult(FlowResult r) {
        findings.setAll(r == null ? List.of() : r.findings());
        selectedFinding.set(findings.isEmpty() ? null : findings.get(0));
        steps.load(r == null ? List.of() : r.steps());
    }

    /** Writes the session's results: Markdown when the name ends in {@code .md}, JSON otherwise. */
    public CompletableFuture<Path> exportReport(Path file) {
        List<FlowResult> snapshot = List.copyOf(results);
        return CompletableFuture.supplyAsync(() -> {
            String pipeline = workbench.pipeline().name();
            String text = ReportExport.isMarkdown(file.getFileName().toString()) ? ReportExport.markdown(pipeline, snapshot)
                    : ReportExport.json(pipeline, snapshot);
            try {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
            return file;
        }, background).whenComplete((p, error) -> ui.execute(() -> {
            if (error != null) {
                failure.set(Failure.of("Cannot export the report", error));
            } else {
                status.set("Report written to " + p);
            }
        }));
    }

    /** The last verification states of the flows, for the views that show them. */
    public Map<String, FlowState> flowStates() {
        Map<String, FlowState> m = new LinkedHashMap<>();
        flowChoices.forEach(f -> m.put(f.id(), state.flowState(f.id())));
        return m;
    }

    public ObservableList<FlowChoice> flowChoices() {
        return flowChoices;
    }

    /** Whether every flow is verified regardless of the ticks. */
    public BooleanProperty allFlowsProperty() {
        return allFlows;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The whole run's progress, 0 to 1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The flow being verified, rows done, rows per second and the estimated time left. */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The last failure, for a dialog. */
    public ReadOnlyObjectProperty<Failure> failureProperty() {
        return failure.getReadOnlyProperty();
    }

    public ObservableList<FlowResult> results() {
        return resultsReadOnly;
    }

    /** The result whose findings are shown; set by the view. */
    public ObjectProperty<FlowResult> selectedResultProperty() {
        return selectedResult;
    }

    public ObservableList<Finding> findings() {
        return findingsReadOnly;
    }

    /** The finding whose fields are compared side by side; set by the view. */
    public ObjectProperty<Finding> selectedFindingProperty() {
        return selectedFinding;
    }

    public ObservableList<FieldComparison> comparisons() {
        return comparisonsReadOnly;
    }

    public ObservableList<VerificationRun> history() {
        return historyReadOnly;
    }

    /** The selected result's bisection, revealed a step at a time. */
    public StepThrough steps() {
        return steps;
    }

    /** Collects findings from the verifying thread, up to a limit. */
    private static final class FindingBuffer implements io.headwater.engine.integrity.FindingSink {
        private final int limit;
        private final List<Finding> received = new ArrayList<>();

        FindingBuffer(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void accept(Finding finding) {
            if (received.size() < limit) {
                received.add(finding);
            }
        }

        /** The result's listed findings first (they are final), then the others received, by key once. */
        synchronized List<Finding> merge(List<Finding> listed) {
            Map<Object, Finding> byKey = new LinkedHashMap<>();
            listed.forEach(f -> byKey.putIfAbsent(f.key(), f));
            for (Finding f : received) {
                if (byKey.size() >= limit) {
                    break;
                }
                byKey.putIfAbsent(f.key(), f);
            }
            List<Finding> out = new ArrayList<>(byKey.values());
            out.sort(java.util.Comparator.comparing(Finding::type));
            return out;
        }
    }
}
