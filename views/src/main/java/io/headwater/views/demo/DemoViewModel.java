package io.headwater.views.demo;

import io.headwater.engine.Cancelled;
import io.headwater.engine.faults.Fault;
import io.headwater.engine.faults.InjectedFault;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.workbench.ScenarioVerdict;
import io.headwater.engine.workbench.Workbench;
import io.headwater.views.common.FlowState;
import io.headwater.views.common.WorkbenchState;
import io.headwater.views.log.HitBuffer;
import io.headwater.views.verify.FieldComparison;
import io.headwater.views.verify.Failure;
import java.time.Clock;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Demo view's state and commands, for teaching: inject a fault into a derived dataset, stop
 * or restart a consumer, run a scripted scenario, and verify the damaged flow on demand — each
 * told in the narration. A fault does not change a flow's {@link FlowState}: nobody has looked
 * yet. {@link #verifyNow()} looks, and the flow turns {@link FlowState#CORRUPT} (or
 * {@link FlowState#VERIFIED}). Engine calls run on {@code background}; every property changes on
 * {@code ui} only. Not thread-safe: call from the UI thread.
 */
public final class DemoViewModel {
    /** Narration lines kept. */
    static final int MAX_LINES = 2_000;

    private final Workbench workbench;
    private final WorkbenchState state;
    private final Executor background;
    private final Executor ui;
    private final Clock clock;

    private final ObservableList<DatasetRef> datasets = FXCollections.observableArrayList();
    private final ObservableList<DatasetRef> datasetsReadOnly = FXCollections.unmodifiableObservableList(datasets);
    private final ObjectProperty<DatasetRef> dataset = new SimpleObjectProperty<>();
    private final ObservableList<Fault> faults = FXCollections.observableArrayList();
    private final ObservableList<Fault> faultsReadOnly = FXCollections.unmodifiableObservableList(faults);
    private final IntegerProperty count = new SimpleIntegerProperty(3);
    private final ObservableList<ConsumerSwitch> consumers = FXCollections.observableArrayList();
    private final ObservableList<ConsumerSwitch> consumersReadOnly = FXCollections.unmodifiableObservableList(consumers);
    private final ObservableList<String> scenarios = FXCollections.observableArrayList();
    private final ObservableList<String> scenariosReadOnly = FXCollections.unmodifiableObservableList(scenarios);
    private final ObservableList<NarrationLine> narration = FXCollections.observableArrayList();
    private final ObservableList<NarrationLine> narrationReadOnly = FXCollections.unmodifiableObservableList(narration);
    private final ObservableList<String> pendingFlows = FXCollections.observableArrayList();
    private final ObservableList<String> pendingFlowsReadOnly = FXCollections.unmodifiableObservableList(pendingFlows);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<ScenarioVerdict> verdict = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Failure> failure = new ReadOnlyObjectWrapper<>();
    private volatile Pipeline pipeline;
    private volatile Cancellation cancellation;
    private long seed = 1;

    public DemoViewModel(Workbench workbench, WorkbenchState state, Executor background, Executor ui) {
        this(workbench, state, background, ui, Clock.systemDefaultZone());
    }

    DemoViewModel(Workbench workbench, WorkbenchState state, Executor background, Executor ui, Clock clock) {
        this.workbench = Objects.requireNonNull(workbench, "workbench");
        this.state = Objects.requireNonNull(state, "state");
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.clock = clock;
        dataset.addListener((obs, old, d) -> faults.setAll(faultsFor(d)));
    }

    private record Loaded(Pipeline pipeline, List<DatasetRef> datasets, List<ConsumerSwitch> consumers, List<String> scenarios) {
    }

    /** Loads the derived datasets, the consumers with their state and the scenarios. */
    public CompletableFuture<Void> load() {
        return CompletableFuture.supplyAsync(() -> {
            Pipeline p = workbench.pipeline();
            List<ConsumerSwitch> switches = p.flows().stream().filter(f -> f.kind() == FlowKind.CONSUME && !f.external())
                    .map(f -> new ConsumerSwitch(f, workbench.consumerRunning(f.id()))).toList();
            return new Loaded(p, workbench.rebuildableDatasets(), switches, workbench.scenarios());
        }, background).handle((l, error) -> {
            ui.execute(() -> {
                if (error != null) {
                    failure.set(Failure.of("Cannot load the demo", error));
                    return;
                }
                pipeline = l.pipeline();
                datasets.setAll(l.datasets());
                consumers.setAll(l.consumers());
                scenarios.setAll(l.scenarios());
                if (dataset.get() == null && !datasets.isEmpty()) {
                    dataset.set(datasets.get(0));
                }
                faults.setAll(faultsFor(dataset.get()));
            });
            return null;
        });
    }

    /** The faults that make sense for a dataset: truncating blobs only in a blob store. */
    List<Fault> faultsFor(DatasetRef ref) {
        Pipeline p = pipeline;
        if (ref == null || p == null) {
            return List.of();
        }
        boolean blobs = p.system(ref.system()).map(s -> s.kind() == SystemKind.BLOBSTORE).orElse(false);
        return java.util.Arrays.stream(Fault.values()).filter(f -> f != Fault.TRUNCATE_BLOB || blobs).toList();
    }

    private List<String> flowsInto(DatasetRef ref) {
        Pipeline p = pipeline;
        return p == null ? List.of() : p.flowsInto(ref).stream().map(Flow::id).toList();
    }

    /** Injects a fault into the chosen dataset; the flows into it wait for {@link #verifyNow()}. */
    public CompletableFuture<Void> inject(Fault fault) {
        DatasetRef ref = dataset.get();
        if (busy.get() || ref == null) {
            return CompletableFuture.completedFuture(null);
        }
        int n = Math.max(1, count.get());
        long s = seed++;
        busy.set(true);
        say(NarrationLine.Kind.ACTION, "▶ " + FaultStories.button(fault) + " × " + n + " in " + ref);
        List<String> affected = flowsInto(ref);
        return CompletableFuture.supplyAsync(() -> workbench.inject(ref, fault, n, s), background).handle((injected, error) -> {
            ui.execute(() -> {
                busy.set(false);
                if (error != null) {
                    say(NarrationLine.Kind.BAD, "The fault could not be injected: " + Failure.of("", error).message());
                    failure.set(Failure.of("Cannot inject " + fault.configName() + " into " + ref, error));
                    return;
                }
                say(NarrationLine.Kind.INFO, FaultStories.happened(fault, ref, injected.size()));
                for (InjectedFault f : injected.subList(0, Math.min(5, injected.size()))) {
                    say(NarrationLine.Kind.INFO, "    key " + FieldComparison.keyText(f.key()) + ": " + f.change());
                }
                affected.stream().filter(f -> !pendingFlows.contains(f)).forEach(pendingFlows::add);
                say(NarrationLine.Kind.INFO, "The graph does not change yet: nobody has looked. Press \"Verify now\" to compare "
                        + String.join(", ", affected) + " with the system of record.");
            });
            return null;
        });
    }

    /** Stops a running consumer or starts a stopped one. */
    public CompletableFuture<Void> toggleConsumer(ConsumerSwitch consumer) {
        boolean run = !consumer.isRunning();
        say(NarrationLine.Kind.ACTION, "▶ " + (run ? "Restart" : "Stop") + " the consumer of " + consumer.flowId());
        return CompletableFuture.runAsync(() -> workbench.setConsumerRunning(consumer.flowId(), run), background).handle((v, error) -> {
            ui.execute(() -> {
                if (error != null) {
                    failure.set(Failure.of("Cannot " + (run ? "start" : "stop") + " the consumer of " + consumer.flowId(), error));
                    return;
                }
                consumer.setRunning(run);
                say(NarrationLine.Kind.INFO, run
                        ? "The consumer of " + consumer.flowId() + " runs again and catches up from its checkpoint: no event is lost."
                        : "The consumer of " + consumer.flowId() + " is stopped: " + consumer.flow().to()
                                + " stops following the log and falls behind (its lag grows). A verification now reports changes in flight.");
            });
            return null;
        });
    }

    /** Runs a scripted scenario; its narration streams into the panel and its verdict is shown. */
    public CompletableFuture<Void> runScenario(String name) {
        if (busy.get() || name == null) {
            return CompletableFuture.completedFuture(null);
        }
        Cancellation c = new Cancellation();
        cancellation = c;
        busy.set(true);
        verdict.set(null);
        say(NarrationLine.Kind.ACTION, "▶ Scenario " + name);
        HitBuffer<String> lines = new HitBuffer<>(ui, batch -> batch.forEach(l -> say(NarrationLine.Kind.INFO, l)));
        return CompletableFuture.supplyAsync(() -> workbench.runScenario(name, c, lines::add), background).handle((v, error) -> {
            ui.execute(() -> {
                lines.flush();
                busy.set(false);
                if (error == null) {
                    verdict.set(v);
                    boolean told = !narration.isEmpty() && narration.get(narration.size() - 1).text().equals(v.line());
                    if (told) {
                        narration.remove(narration.size() - 1);
                    }
                    say(v.held() ? NarrationLine.Kind.GOOD : NarrationLine.Kind.BAD, v.line());
                } else if (Failure.unwrap(error) instanceof Cancelled) {
                    say(NarrationLine.Kind.INFO, "Scenario " + name + " cancelled.");
                } else {
                    say(NarrationLine.Kind.BAD, "Scenario " + name + " failed: " + Failure.of("", error).message());
                    failure.set(Failure.of("Scenario " + name + " failed", error));
                }
            });
            return null;
        });
    }

    /** Stops a running scenario or verification. */
    public void cancel() {
        Cancellation c = cancellation;
        if (c != null && busy.get()) {
            c.cancel();
        }
    }

    /** Verifies the flows damaged since the last look (or those into the chosen dataset) and colours them. */
    public CompletableFuture<Void> verifyNow() {
        List<String> flows = new ArrayList<>(pendingFlows.isEmpty() ? flowsInto(dataset.get()) : pendingFlows);
        if (busy.get() || flows.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Cancellation c = new Cancellation();
        cancellation = c;
        busy.set(true);
        say(NarrationLine.Kind.ACTION, "▶ Verify " + String.join(", ", flows));
        return CompletableFuture.runAsync(() -> flows.forEach(f -> verifyFlow(f, c)), background).handle((v, error) -> {
            ui.execute(() -> {
                busy.set(false);
                if (error != null && !(Failure.unwrap(error) instanceof Cancelled)) {
                    failure.set(Failure.of("Verification failed", error));
                }
            });
            return null;
        });
    }

    private void verifyFlow(String flowId, Cancellation c) {
        FlowState before = state.flowState(flowId);
        state.setFlowState(flowId, FlowState.IN_FLIGHT);
        VerificationResult r;
        try {
            r = workbench.verify(flowId, c, (done, total, unit) -> { }, f -> { }, io.headwater.engine.integrity.BisectionListener.NONE);
        } catch (RuntimeException e) {
            state.setFlowState(flowId, before);
            if (e instanceof Cancelled) {
                ui.execute(() -> say(NarrationLine.Kind.INFO, "Verification of " + flowId + " cancelled."));
            }
            throw e;
        }
        state.setFlowState(flowId, r.clean() ? FlowState.VERIFIED : FlowState.CORRUPT);
        ui.execute(() -> {
            pendingFlows.remove(flowId);
            say(r.clean() ? NarrationLine.Kind.GOOD : NarrationLine.Kind.BAD, verdictLine(flowId, r));
        });
    }

    static String verdictLine(String flowId, VerificationResult r) {
        var k = r.counts();
        String counts = String.format("%,d compared: %,d missing, %,d extra, %,d mismatched, %,d in flight", r.compared(), k.missing(), k.extra(),
                k.mismatched(), k.inFlight());
        if (r.clean()) {
            return flowId + " is VERIFIED (" + counts + "): it turns green on the graph.";
        }
        String keys = r.corruptFindings().stream().limit(5).map(f -> FieldComparison.keyText(f.key())).collect(Collectors.joining(", "));
        return flowId + " is CORRUPT (" + counts + "; keys " + keys + "): it turns red on the graph. Rebuild it in the Rebuild tab to heal it.";
    }

    private void say(NarrationLine.Kind kind, String text) {
        narration.add(new NarrationLine(LocalTime.now(clock).withNano(0), kind, text));
        if (narration.size() > MAX_LINES) {
            narration.remove(0, narration.size() - MAX_LINES);
        }
    }

    /** Empties the narration panel. */
    public void clearNarration() {
        narration.clear();
    }

    public ObservableList<DatasetRef> datasets() {
        return datasetsReadOnly;
    }

    public ObjectProperty<DatasetRef> datasetProperty() {
        return dataset;
    }

    /** The faults for the chosen dataset. */
    public ObservableList<Fault> faults() {
        return faultsReadOnly;
    }

    /** How many records a fault touches. */
    public IntegerProperty countProperty() {
        return count;
    }

    public ObservableList<ConsumerSwitch> consumers() {
        return consumersReadOnly;
    }

    public ObservableList<String> scenarios() {
        return scenariosReadOnly;
    }

    public ObservableList<NarrationLine> narration() {
        return narrationReadOnly;
    }

    /** Flows damaged since they were last verified. */
    public ObservableList<String> pendingFlows() {
        return pendingFlowsReadOnly;
    }

    /** Whether a fault, scenario or verification is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The last scenario's verdict. */
    public ReadOnlyObjectProperty<ScenarioVerdict> verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Failure> failureProperty() {
        return failure.getReadOnlyProperty();
    }
}
