package io.headwater.views.graph;

import atlantafx.base.theme.PrimerLight;
import io.headwater.engine.model.Pipeline;
import io.headwater.views.common.WorkbenchState;
import io.headwater.views.shell.FxStallMonitor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * A printed benchmark of the pipeline graph with the generated 1,000-node pipeline (not a test, no
 * timed assertion): time to show it collapsed, to expand every system (1,000 nodes), FX pulses per
 * second and the longest gap between pulses while panning and zooming, and the longest FX stall.
 * Run with a display (Xvfb) or Monocle:
 * {@code java -cp ... io.headwater.views.graph.GraphBenchmark [seconds-per-phase]}.
 */
public final class GraphBenchmark {
    private static final Executor SAME_THREAD = Runnable::run;

    private GraphBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        FxStallMonitor stalls = new FxStallMonitor().start();
        Pipeline big = GeneratedPipelines.thousandNodes();
        GraphViewModel vm = new GraphViewModel(new WorkbenchState(), Executors.newSingleThreadExecutor(), SAME_THREAD);
        PipelineGraphView[] view = new PipelineGraphView[1];
        onFx(() -> {
            Application.setTheme();
            view[0] = new PipelineGraphView(vm);
            Stage stage = new Stage();
            stage.setScene(new Scene(view[0], 1400, 900));
            stage.show();
        });
        long t0 = System.nanoTime();
        onFx(() -> vm.show(big, null));
        long shown = awaitPulses(2) - t0;
        timing("show the pipeline collapsed (" + vm.snapshotProperty().get().nodes().size() + " nodes)", shown);
        Pulses collapsed = pan(view[0], seconds);
        line(String.format("pan+zoom, collapsed: %.1f pulses/s, longest gap between pulses %d ms", collapsed.perSecond(), collapsed.longestGapMillis()));

        long t1 = System.nanoTime();
        onFx(() -> vm.expandAll(false));
        long expanded = awaitPulses(2) - t1;
        timing("expand every system (" + vm.snapshotProperty().get().nodes().size() + " nodes, " + vm.snapshotProperty().get().edges().size()
                + " edges)", expanded);
        onFx(view[0]::fitToWindow);
        stalls.beginSection();
        Pulses big1000 = pan(view[0], seconds);
        line(String.format("pan+zoom, 1,000 nodes: %.1f pulses/s, longest gap between pulses %d ms, longest FX stall %d ms",
                big1000.perSecond(), big1000.longestGapMillis(), stalls.sectionStallMillis()));

        long t2 = System.nanoTime();
        onFx(() -> vm.find("store7.view120"));
        long found = awaitPulses(2) - t2;
        timing("find store7.view120 (reveal, select, centre)", found);
        long t3 = System.nanoTime();
        onFx(() -> vm.toggle("ds:store7.view120"));
        timing("expand one dataset into its fields", awaitPulses(2) - t3);
        System.out.printf("longest FX stall overall: %d ms%n", stalls.longestStallMillis());
        if (!Boolean.getBoolean("bench.keepOpen")) {
            stalls.close();
            Platform.exit();
        }
    }

    /** Applies the AtlantaFX theme, as the app does. */
    private static final class Application {
        static void setTheme() {
            javafx.application.Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        }
    }

    private record Pulses(long count, long nanos, long longestGapNanos) {
        double perSecond() {
            return count / (nanos / 1e9);
        }

        long longestGapMillis() {
            return TimeUnit.NANOSECONDS.toMillis(longestGapNanos);
        }
    }

    /** Pans (and zooms in and out) on every pulse for a while; counts the pulses and the longest gap. */
    private static Pulses pan(PipelineGraphView view, double seconds) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        long[] stats = new long[4]; // count, first, last, longest gap
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (stats[1] == 0) {
                    stats[1] = now;
                } else {
                    stats[3] = Math.max(stats[3], now - stats[2]);
                }
                stats[2] = now;
                stats[0]++;
                view.pan(stats[0] % 200 < 100 ? 6 : -6, stats[0] % 120 < 60 ? 2 : -2);
                if (stats[0] % 30 == 0) {
                    view.zoom(stats[0] % 60 == 0 ? 1.2 : 1 / 1.2);
                }
                if (now - stats[1] > seconds * 1e9) {
                    stop();
                    done.countDown();
                }
            }
        };
        Platform.runLater(timer::start);
        done.await();
        return new Pulses(stats[0], stats[2] - stats[1], stats[3]);
    }

    /** Returns the time after the given number of further pulses have run (the change drawn). */
    private static long awaitPulses(int pulses) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(pulses);
        Platform.runLater(() -> new AnimationTimer() {
            @Override
            public void handle(long now) {
                done.countDown();
                if (done.getCount() == 0) {
                    stop();
                }
            }
        }.start());
        done.await();
        return System.nanoTime();
    }

    private static void onFx(Runnable r) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                r.run();
            } finally {
                done.countDown();
            }
        });
        done.await();
    }

    private static void timing(String what, long nanos) {
        System.out.printf("%-64s %8.1f ms%n", what, nanos / 1e6);
    }

    private static void line(String text) {
        System.out.println(text);
    }
}
