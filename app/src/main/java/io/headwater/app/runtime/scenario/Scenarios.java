package io.headwater.app.runtime.scenario;

import io.headwater.app.runtime.EmbeddedPipeline;
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
    public static ScenarioVerdict run(String name, EmbeddedPipeline runtime, Cancellation cancellation, Consumer<String> narration) {
        if (!NAMES.contains(name)) {
            throw new HeadwaterException("no scenario '" + name + "': choose one of " + String.join(", ", NAMES));
        }
        throw new HeadwaterException("scenario " + name + " is being written");
    }
}
