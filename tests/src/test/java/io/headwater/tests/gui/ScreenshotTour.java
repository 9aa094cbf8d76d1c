package io.headwater.tests.gui;

import io.headwater.app.gui.LivePipelineOpener;
import io.headwater.app.gui.WorkbenchWindow;
import io.headwater.app.runtime.NamedThreads;
import io.headwater.engine.model.FieldRef;
import io.headwater.views.shell.WorkTabs;
import io.headwater.views.shell.WorkbenchPreferences;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Puts the main window on the live demo into a state worth a screenshot, then leaves it open (run
 * it under {@code shared/tools/screenshot}). Not a test. {@code graph}: pg and the derived systems
 * expanded, search.customers selected; {@code lineage}: pg.customers.email's lineage highlighted;
 * {@code stalls}: verifies every flow, then rebuilds search.customers, through their tabs, and prints
 * the longest FX thread stall during each and the time from start to a live demo.
 */
public final class ScreenshotTour {
    private ScreenshotTour() {
    }

    private static void measure(WorkbenchWindow w, String action, String argument, String what) throws Exception {
        java.util.concurrent.CompletableFuture<java.util.concurrent.CompletableFuture<?>> started = new java.util.concurrent.CompletableFuture<>();
        Platform.runLater(() -> {
            w.stalls().beginSection();
            started.complete(w.window().tabs().run(action, argument).orElseThrow());
        });
        long t = System.nanoTime();
        started.get().get(10, java.util.concurrent.TimeUnit.MINUTES);
        System.out.printf("%s: %d ms, longest FX thread stall meanwhile %d ms%n", what, (System.nanoTime() - t) / 1_000_000,
                w.stalls().sectionStallMillis());
    }

    public static void main(String[] args) throws Exception {
        String scene = args.length > 0 ? args[0] : "graph";
        Path dir = Files.createTempDirectory("headwater-tour");
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        up.await();
        WorkbenchWindow[] w = new WorkbenchWindow[1];
        Platform.runLater(() -> {
            LivePipelineOpener opener = new LivePipelineOpener(GuiSupport.demoConfig(), dir.resolve("data"), 20);
            w[0] = WorkbenchWindow.show(new Stage(), opener, new WorkbenchPreferences(dir.resolve("prefs.properties")),
                    Executors.newCachedThreadPool(new NamedThreads("tour")), 1560, 960);
            w[0].openInitial();
        });
        GuiSupport.await("the window", 30_000, () -> w[0] != null);
        long t0 = System.nanoTime();
        GuiSupport.await("the demo to go live", 300_000, () -> w[0].viewModel().liveProperty().get());
        System.out.printf("live %d ms after the window opened%n", (System.nanoTime() - t0) / 1_000_000);
        Thread.sleep(2500);
        if (scene.equals("stalls")) {
            measure(w[0], WorkTabs.VERIFY_ALL, null, "verify all flows");
            measure(w[0], WorkTabs.REBUILD, "search.customers", "rebuild search.customers");
            System.out.printf("longest FX stall overall (start-up included): %d ms%n", w[0].stalls().longestStallMillis());
        }
        if (scene.equals("graph")) {
            measure(w[0], WorkTabs.VERIFY_ALL, null, "verify all flows"); // so the graph shows verification colours
        }
        Platform.runLater(() -> {
            var graph = w[0].viewModel().graph();
            if (scene.equals("lineage")) {
                w[0].window().tabs().run(WorkTabs.SHOW_LINEAGE, FieldRef.parse("pg.customers.email").toString());
                graph.select("fld:search.customers.email");
            } else {
                graph.toggle("sys:pg");
                graph.toggle("sys:search");
                graph.toggle("sys:cache");
                graph.toggle("sys:analytics");
                graph.select("ds:search.customers");
            }
            w[0].window().graphView().fitToWindow();
        });
        System.out.println("tour ready: " + scene);
        Thread.sleep(Long.MAX_VALUE);
    }
}
