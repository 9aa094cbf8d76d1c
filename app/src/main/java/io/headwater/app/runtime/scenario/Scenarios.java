package io.headwater.app.runtime.scenario;

import io.headwater.app.runtime.LivePipeline;
import io.headwater.connectors.demo.LoadGenerator;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.workbench.ScenarioVerdict;
import java.util.List;
import java.util.function.Consumer;

/**
 * The scripted teaching scenarios of {@code headwater demo --scenario NAME} and the workbench's
 * Demo view: each runs a short story on the embedded demo pipeline, narrates every step and ends
 * with one verdict line saying whether the story's claim held.
 */
public final class Scenarios {
    public static final List<String> NAMES = List.of("corrupt-and-verify", "crash-and-rebuild", "duplicate-delivery", "time-travel");

    private Scenarios() {
    }

    public static List<String> names() {
        return NAMES;
    }

    /** Runs one scenario on a live demo pipeline. */
    public static ScenarioVerdict run(String name, LivePipeline runtime, Cancellation cancellation, Consumer<String> narration) {
        return run(name, runtime, null, cancellation, narration);
    }

    /**
     * Runs one scenario on a live demo pipeline whose load generator ({@code load}, may be null) the
     * story may pause while it looks at data that the load keeps changing.
     */
    public static ScenarioVerdict run(String name, LivePipeline runtime, LoadGenerator load, Cancellation cancellation,
                                      Consumer<String> narration) {
        Scenario scenario = switch (name) {
            case "corrupt-and-verify" -> new CorruptAndVerify();
            case "crash-and-rebuild" -> new CrashAndRebuild();
            case "duplicate-delivery" -> new DuplicateDelivery();
            case "time-travel" -> new TimeTravelStory();
            default -> throw new HeadwaterException("no scenario '" + name + "': choose one of " + String.join(", ", NAMES));
        };
        ScenarioContext context = new ScenarioContext(runtime, load, cancellation, narration);
        narration.accept("Scenario " + scenario.name() + ": " + scenario.claim() + ".");
        ScenarioVerdict verdict = scenario.run(context);
        narration.accept(verdict.line());
        return verdict;
    }
}
