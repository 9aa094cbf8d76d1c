package io.headwater.views.status;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.pipeline.LatencyRecorder;
import io.headwater.engine.pipeline.PipelineRuntime;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.engine.status.DatasetStatus;
import io.headwater.engine.status.SystemStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The live pipeline status screen: starts the pipeline in the background with step-by-step
 * progress, then refreshes the state of every system and dataset on demand. Work runs on the
 * {@code background} executor; every property changes on the {@code ui} executor only (the FX
 * thread in the application, the calling thread in tests). Not thread-safe: call from the UI thread.
 */
public final class PipelineStatusViewModel {
    private final Executor background;
    private final Executor ui;
    private final Function<ProgressListener, PipelineRuntime> starter;

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Headwater");
    private final ReadOnlyStringWrapper phase = new ReadOnlyStringWrapper("Not started");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper live = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper latency = new ReadOnlyStringWrapper("");
    private final ObservableList<StatusRow> rows = FXCollections.observableArrayList();
    private volatile PipelineRuntime runtime;
    private volatile boolean closed;
    private boolean refreshing;

    /**
     * @param starter starts the pipeline, reporting each step as {@code progress(step, steps, description)}
     */
    public PipelineStatusViewModel(Executor background, Executor ui, Function<ProgressListener, PipelineRuntime> starter) {
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.starter = Objects.requireNonNull(starter, "starter");
    }

    /** Starts the pipeline in the background; {@link #liveProperty()} turns true when it runs. */
    public CompletableFuture<Void> start() {
        phase.set("Starting…");
        error.set("");
        ProgressListener listener = (done, total, what) -> ui.execute(() -> {
            phase.set(what);
            progress.set(total > 0 ? (double) done / total : -1);
        });
        return CompletableFuture.supplyAsync(() -> starter.apply(listener), background)
                .thenCompose(rt -> {
                    runtime = rt;
                    if (closed) {
                        rt.close();
                        throw new IllegalStateException("closed while starting");
                    }
                    return CompletableFuture.supplyAsync(rt::status, background);
                })
                .handle((statuses, failure) -> {
                    ui.execute(() -> {
                        if (failure != null) {
                            phase.set("Failed to start");
                            progress.set(0);
                            error.set(messageOf(failure));
                        } else {
                            title.set("Headwater — " + runtime.pipeline().name());
                            phase.set("Live");
                            progress.set(1);
                            live.set(true);
                            show(statuses, runtime.latencies());
                        }
                    });
                    return null;
                });
    }

    /** Asks every system for its state again; a refresh still running is not doubled. */
    public CompletableFuture<Void> refresh() {
        PipelineRuntime rt = runtime;
        if (rt == null || refreshing) {
            return CompletableFuture.completedFuture(null);
        }
        refreshing = true;
        return CompletableFuture.supplyAsync(rt::status, background).handle((statuses, failure) -> {
            ui.execute(() -> {
                refreshing = false;
                if (failure != null) {
                    error.set(messageOf(failure));
                } else {
                    error.set("");
                    show(statuses, rt.latencies());
                }
            });
            return null;
        });
    }

    private void show(List<SystemStatus> statuses, Map<String, LatencyRecorder> latencies) {
        List<StatusRow> out = new ArrayList<>();
        for (SystemStatus s : statuses) {
            String state = s.reachable() ? "up" : "down: " + s.message();
            out.add(new StatusRow(s.systemId(), s.kind().configName(), s.role().configName(), "", -1, -1, state));
            for (DatasetStatus d : s.datasets()) {
                out.add(new StatusRow("", "", "", d.ref().toString(), d.size(), d.lag(), ""));
            }
        }
        rows.setAll(out);
        latency.set(latencyText(latencies));
    }

    static String latencyText(Map<String, LatencyRecorder> latencies) {
        long p50 = -1;
        long p99 = -1;
        long n = 0;
        for (LatencyRecorder r : latencies.values()) {
            n += r.count();
            p50 = Math.max(p50, r.percentile(50));
            p99 = Math.max(p99, r.percentile(99));
        }
        return n == 0 ? "commit → derived latency: no changes yet"
                : "commit → derived latency: p50 " + p50 + " ms, p99 " + p99 + " ms (slowest flow)";
    }

    private static String messageOf(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && !(c instanceof HeadwaterException)) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    /** Stops the running pipeline (blocking); a pipeline still starting is stopped once it is up. */
    public void close() {
        closed = true;
        PipelineRuntime rt = runtime;
        if (rt != null) {
            rt.close();
        }
    }

    public Pipeline pipeline() {
        return runtime == null ? null : runtime.pipeline();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty liveProperty() {
        return live.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty latencyProperty() {
        return latency.getReadOnlyProperty();
    }

    public ObservableList<StatusRow> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }
}
