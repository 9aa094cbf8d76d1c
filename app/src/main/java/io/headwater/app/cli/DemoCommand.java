package io.headwater.app.cli;

import io.headwater.app.gui.WorkbenchLauncher;
import io.headwater.app.runtime.DemoSession;
import io.headwater.app.runtime.LivePipeline;
import io.headwater.app.runtime.scenario.Scenarios;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.workbench.ScenarioVerdict;
import io.headwater.connectors.demo.LoadGenerator;
import io.headwater.engine.model.FieldTag;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.pipeline.LatencyRecorder;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.engine.status.SystemStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code headwater demo}: runs the embedded demo pipeline under load, in the workbench or headless. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the embedded demo pipeline (PostgreSQL -> Debezium -> Kafka -> derived stores) and generate load.")
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--headless", description = "No window: print a status line every few seconds.")
    boolean headless;

    @Option(names = "--duration", paramLabel = "TIME", description = "Stop the load after this long (e.g. 30s, 2m), wait for every store to catch up, print a final status and exit.")
    String duration;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "20", description = "Operations per second of the load generator (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed of the demo data (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--interval", paramLabel = "TIME", defaultValue = "5s", description = "How often to print a status line (default ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--catch-up-timeout", paramLabel = "TIME", defaultValue = "120s", description = "How long to wait for stores to catch up after the load stops (default ${DEFAULT-VALUE}).")
    String catchUpTimeout;

    @Option(names = "--scenario", paramLabel = "NAME", description = "Run a scripted teaching story on the pipeline, narrating each step, and exit 0 only if its claim held: "
            + "corrupt-and-verify, crash-and-rebuild, duplicate-delivery, time-travel.")
    String scenario;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!headless) {
            return WorkbenchLauncher.launch(common);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Duration runFor = duration == null ? null : parse("--duration", duration);
        Duration every = parse("--interval", interval);
        Duration catchUp = parse("--catch-up-timeout", catchUpTimeout);
        if (rate <= 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--rate must be positive, was " + rate);
        }
        if (scenario != null && !Scenarios.names().contains(scenario)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--scenario '" + scenario + "' is not a scenario: choose one of "
                    + String.join(", ", Scenarios.names()));
        }
        Pipeline pipeline = PipelineOptions.load(common);
        long t0 = System.nanoTime();
        ProgressListener progress = (done, total, what) -> err.printf("[%d/%d] %s%n", done, total, what);
        try (DemoSession session = DemoSession.start(pipeline, seed, rate, progress)) {
            LivePipeline rt = session.runtime();
            rt.serveControl(request -> Attached.run(rt, request));
            Thread shutdown = new Thread(session::close, "headwater-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdown);
            err.printf("pipeline %s live after %.1f s; data in %s%n", pipeline.name(), seconds(t0), pipeline.dataDir());
            int code = scenario != null ? runScenario(rt, session.load(), catchUp, out) : run(rt, session.load(), runFor, every, catchUp, t0, out);
            Runtime.getRuntime().removeShutdownHook(shutdown);
            return code;
        }
    }

    private int run(LivePipeline rt, LoadGenerator load, Duration runFor, Duration every, Duration catchUp, long t0, PrintWriter out) {
        long start = System.nanoTime();
        long end = runFor == null ? Long.MAX_VALUE : start + runFor.toNanos();
        long nextPrint = start;
        Double firstCaughtUp = null;
        long nextSyncCheck = start;
        while (System.nanoTime() < end) {
            long now = System.nanoTime();
            if (firstCaughtUp == null && now >= nextSyncCheck) {
                if (rt.caughtUp() && SyncCheck.differences(rt.pipeline(), rt.status()).isEmpty()) {
                    firstCaughtUp = seconds(t0);
                    out.printf("first caught-up status %.1f s after start%n", firstCaughtUp);
                }
                nextSyncCheck = now + 250_000_000L;
            }
            if (now >= nextPrint) {
                print(rt, rt.status(), load.done(), (now - t0) / 1_000_000_000L, out);
                nextPrint = Math.max(nextPrint + every.toNanos(), now);
            }
            load.failure().ifPresent(e -> {
                throw e;
            });
            sleep(50);
        }
        load.close();
        out.printf("load stopped after %,d operations %s; waiting for every store to catch up%n", load.done(), load.counts());
        long deadline = System.nanoTime() + catchUp.toNanos();
        List<String> diffs = List.of("not checked");
        long stableSince = System.nanoTime();
        long captured = rt.eventsCaptured();
        while (System.nanoTime() < deadline) {
            if (rt.eventsCaptured() != captured) {
                captured = rt.eventsCaptured();
                stableSince = System.nanoTime();
            }
            diffs = rt.caughtUp() ? SyncCheck.differences(rt.pipeline(), rt.status()) : List.of("lag");
            if (diffs.isEmpty() && System.nanoTime() - stableSince > 1_000_000_000L) {
                break;
            }
            sleep(200);
        }
        List<SystemStatus> finalStatus = rt.status();
        diffs = SyncCheck.differences(rt.pipeline(), finalStatus);
        print(rt, finalStatus, load.done(), (System.nanoTime() - t0) / 1_000_000_000L, out);
        if (!common.json) {
            out.print(StatusText.render(rt.pipeline(), finalStatus, List.of()));
            out.println(latencySummary(rt.latencies()));
        }
        if (!diffs.isEmpty()) {
            out.println("NOT caught up within " + catchUp.toSeconds() + " s:");
            diffs.forEach(d -> out.println("  " + d));
            return ExitCodes.FINDINGS;
        }
        out.printf("caught up: every derived store matches its source (%.1f s after start)%n", seconds(t0));
        return ExitCodes.OK;
    }

    /** Waits for every store to catch up with the initial data, then tells the story while the load goes on. */
    private int runScenario(LivePipeline rt, LoadGenerator load, Duration catchUp, PrintWriter out) {
        long deadline = System.nanoTime() + catchUp.toNanos();
        while (!(rt.caughtUp() && SyncCheck.differences(rt.pipeline(), rt.status()).isEmpty())) {
            if (System.nanoTime() > deadline) {
                out.println("the pipeline did not catch up within " + catchUp.toSeconds() + " s: the scenario cannot start");
                return ExitCodes.FINDINGS;
            }
            sleep(200);
        }
        ScenarioVerdict verdict = Scenarios.run(scenario, rt, load, new Cancellation(), line -> {
            out.println(line);
            out.flush();
        });
        return verdict.held() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    private void print(LivePipeline rt, List<SystemStatus> st, long ops, long elapsed, PrintWriter out) {
        if (common.json) {
            out.println(StatusJson.tree(rt.pipeline(), st, rt.latencies(), Instant.now()).put("ops", ops).toString());
        } else {
            out.println(StatusText.line(elapsed, st, rt.latencies(), ops));
        }
        out.flush();
    }

    static String latencySummary(Map<String, LatencyRecorder> latencies) {
        StringBuilder sb = new StringBuilder("commit -> derived store latency:");
        latencies.forEach((flow, r) -> sb.append(String.format("%n  %-20s n=%,d p50=%d ms p99=%d ms", flow, r.count(), r.percentile(50), r.percentile(99))));
        return sb.toString();
    }

    private Duration parse(String option, String text) {
        return FieldTag.parseDuration(text).orElseThrow(() -> new picocli.CommandLine.ParameterException(spec.commandLine(),
                option + " '" + text + "' is not a duration: use e.g. 30s, 2m, 1h"));
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
