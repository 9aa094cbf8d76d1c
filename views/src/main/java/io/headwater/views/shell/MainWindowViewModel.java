package io.headwater.views.shell;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.config.ConfigException;
import io.headwater.engine.config.ConfigProblem;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.engine.spi.FlowProgress;
import io.headwater.engine.status.SystemStatus;
import io.headwater.engine.workbench.Workbench;
import io.headwater.views.common.DialogService;
import io.headwater.views.common.WorkbenchState;
import io.headwater.views.graph.GraphViewModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window's state: which pipeline is open, its start-up progress, the live workbench, the
 * connection state of every system (polled), the recent configs. Opening a config first reads it;
 * a broken config is reported (every problem with file:line) and the open pipeline stays. Opening,
 * starting and closing run one after another on {@code background}; properties change on {@code ui}
 * only. Not thread-safe: call from the UI thread.
 */
public final class MainWindowViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(MainWindowViewModel.class);

    private final PipelineOpener opener;
    private final DialogService dialogs;
    private final Executor background;
    private final Executor ui;
    private final WorkbenchPreferences preferences;
    private final WorkbenchState state;
    private final GraphViewModel graph;

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Headwater");
    private final ReadOnlyStringWrapper phase = new ReadOnlyStringWrapper("Not started");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper live = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Pipeline> pipeline = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Workbench> workbench = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper statusError = new ReadOnlyStringWrapper("");
    private final ObservableList<SystemStatus> systems = FXCollections.observableArrayList();
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final ObservableList<SystemStatus> systemsView = FXCollections.unmodifiableObservableList(systems);
    private final ObservableList<FlowProgress> externalFlows = FXCollections.observableArrayList();
    private final ObservableList<FlowProgress> externalFlowsView = FXCollections.unmodifiableObservableList(externalFlows);
    private final ObservableList<Path> recentView = FXCollections.unmodifiableObservableList(recent);

    /** Open/start/close steps run one after another, never two at once. */
    private CompletableFuture<Void> lifecycle = CompletableFuture.completedFuture(null);
    /** Bumped by every open; a start that finishes for an older one is closed at once. */
    private long generation;
    private volatile Workbench running;
    private boolean polling;

    public MainWindowViewModel(PipelineOpener opener, WorkbenchState state, DialogService dialogs, WorkbenchPreferences preferences,
                               Executor background, Executor ui) {
        this.opener = Objects.requireNonNull(opener, "opener");
        this.state = Objects.requireNonNull(state, "state");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.preferences = Objects.requireNonNull(preferences, "preferences");
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.graph = new GraphViewModel(state, background, ui);
        recent.setAll(preferences.recentConfigs());
    }

    /** Opens the initial pipeline (the embedded demo unless told otherwise). */
    public CompletableFuture<Void> openInitial() {
        return open(opener.initialConfig(), false);
    }

    /** Opens a config chosen by the user: read it, then (only if it is sound) close the open pipeline and start this one. */
    public CompletableFuture<Void> open(Path config) {
        return open(config, true);
    }

    /**
     * Imports OpenLineage events: the opener writes a config skeleton of their lineage, which is then
     * opened like any config (its problems, if it needs editing, listed with file and line).
     */
    public CompletableFuture<Void> importOpenLineage(Path events) {
        phase.set("Importing " + events.getFileName() + "…");
        CompletableFuture<Path> written = CompletableFuture.supplyAsync(() -> opener.importOpenLineage(events), background);
        CompletableFuture<Void> done = new CompletableFuture<>();
        written.whenComplete((config, failure) -> ui.execute(() -> {
            if (failure != null) {
                Throwable cause = unwrap(failure);
                phase.set(live.get() ? "Live" : "Not started");
                dialogs.showError("Cannot import " + events.getFileName(), messageOf(cause), cause);
                done.complete(null);
                return;
            }
            open(config).whenComplete((v, f) -> done.complete(null));
        }));
        return done;
    }

    private CompletableFuture<Void> open(Path config, boolean remember) {
        long gen = ++generation;
        phase.set("Reading " + config.getFileName() + "…");
        CompletableFuture<Pipeline> loaded = CompletableFuture.supplyAsync(() -> opener.load(config), background);
        CompletableFuture<Void> done = new CompletableFuture<>();
        loaded.whenComplete((model, failure) -> ui.execute(() -> {
            if (failure != null) {
                phase.set(live.get() ? "Live" : "Not started");
                reportLoadFailure(config, unwrap(failure));
                done.complete(null);
                return;
            }
            if (remember) {
                preferences.addRecent(config);
                recent.setAll(preferences.recentConfigs());
            }
            startPipeline(model, gen).whenComplete((v, f) -> done.complete(null));
        }));
        return done;
    }

    private CompletableFuture<Void> startPipeline(Pipeline model, long gen) {
        live.set(false);
        workbench.set(null);
        systems.clear();
        pipeline.set(model);
        title.set("Headwater — " + model.name() + (model.source() == null ? "" : " (" + model.source().getFileName() + ")"));
        graph.show(model, null);
        phase.set("Starting…");
        progress.set(-1);
        ProgressListener listener = (done, total, what) -> ui.execute(() -> {
            if (gen == generation) {
                phase.set(what);
                progress.set(total > 0 ? (double) done / total : -1);
            }
        });
        CompletableFuture<Void> step = new CompletableFuture<>();
        lifecycle = lifecycle.handle((v, f) -> null).thenRunAsync(() -> {
            closeRunning();
            Workbench wb;
            try {
                wb = opener.start(model, listener);
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    if (gen == generation) {
                        phase.set("Failed to start");
                        progress.set(0);
                        dialogs.showError("Cannot start " + model.name(), messageOf(e), e);
                    }
                    step.complete(null);
                });
                return;
            }
            running = wb;
            ui.execute(() -> {
                if (gen == generation) {
                    goLive(wb);
                } else {
                    LOG.info("pipeline {} started after another was opened; closing it", model.name());
                    background.execute(this::closeRunning);
                }
                step.complete(null);
            });
        }, background);
        return step;
    }

    private void goLive(Workbench wb) {
        workbench.set(wb);
        graph.attach(wb);
        phase.set("Live");
        progress.set(1);
        live.set(true);
        refreshStatus();
    }

    private void reportLoadFailure(Path config, Throwable failure) {
        if (failure instanceof ConfigException ce) {
            List<String> problems = ce.problems().stream().map(ConfigProblem::render).toList();
            dialogs.showProblems("Cannot open " + config.getFileName(),
                    config.getFileName() + " has " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                            + "; the open pipeline stays as it is.", problems);
        } else {
            dialogs.showError("Cannot open " + config.getFileName(), messageOf(failure), failure);
        }
    }

    /** One status poll: every system, and the observed progress of the flows that run outside Headwater. */
    private record Poll(List<SystemStatus> systems, List<FlowProgress> flows) {
    }

    /** Asks every system for its state (sizes, lags, connection); a poll still running is not doubled. */
    public CompletableFuture<Void> refreshStatus() {
        Workbench wb = workbench.get();
        if (wb == null || polling) {
            return CompletableFuture.completedFuture(null);
        }
        polling = true;
        return CompletableFuture.supplyAsync(() -> new Poll(wb.status(), wb.flowProgress()), background).handle((poll, failure) -> {
            ui.execute(() -> {
                polling = false;
                if (wb != workbench.get()) {
                    return;
                }
                if (failure != null) {
                    statusError.set(messageOf(unwrap(failure)));
                } else {
                    statusError.set("");
                    systems.setAll(poll.systems());
                    externalFlows.setAll(poll.flows());
                    graph.updateStatus(poll.systems(), poll.flows());
                }
            });
            return null;
        });
    }

    private synchronized void closeRunning() {
        Workbench wb = running;
        running = null;
        if (wb != null) {
            try {
                wb.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the previous pipeline failed", e);
            }
        }
    }

    /** Stops the open pipeline (blocking); for the window's close and the shutdown hook. */
    public void close() {
        generation++;
        closeRunning();
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    static String messageOf(Throwable t) {
        Throwable c = unwrap(t);
        while (c.getCause() != null && !(c instanceof HeadwaterException)) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    public GraphViewModel graph() {
        return graph;
    }

    public WorkbenchState state() {
        return state;
    }

    public WorkbenchPreferences preferences() {
        return preferences;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The start-up step running now, "Live", or what failed. */
    public ReadOnlyStringProperty phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** Start-up progress 0..1, or -1 while unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty liveProperty() {
        return live.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Pipeline> pipelineProperty() {
        return pipeline.getReadOnlyProperty();
    }

    /** The live workbench, or null while none is (yet) running. */
    public ReadOnlyObjectProperty<Workbench> workbenchProperty() {
        return workbench.getReadOnlyProperty();
    }

    /** Why the last status poll failed, or empty. */
    public ReadOnlyStringProperty statusErrorProperty() {
        return statusError.getReadOnlyProperty();
    }

    /** The last status poll, one entry per system. */
    /** The observed progress of the flows that run outside Headwater, as of the last poll. */
    public ObservableList<FlowProgress> externalFlows() {
        return externalFlowsView;
    }

    public ObservableList<SystemStatus> systems() {
        return systemsView;
    }

    /** Recently opened configs, newest first. */
    public ObservableList<Path> recentConfigs() {
        return recentView;
    }
}
