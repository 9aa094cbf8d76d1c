package io.headwater.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.app.runtime.DemoSession;
import io.headwater.app.runtime.scenario.Scenarios;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.engine.workbench.ScenarioVerdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The teaching scenarios, told one after the other on one live demo pipeline under load: each
 * narrates numbered steps and ends with a verdict line, and each story's claim holds.
 */
class ScenariosIT {
    @TempDir
    Path dataDir;

    @Test
    void everyScenarioNarratesItsStepsAndItsClaimHoldsOnTheLiveDemo() throws Exception {
        try (DemoSession session = DemoSession.start(DemoPipelineSupport.demo(dataDir), 17, 20, ProgressListener.NONE)) {
            // under load the pipeline is never quiet: wait until every store has caught up with the log once
            DemoPipelineSupport.await("every store to catch up under load", 120_000, () -> session.runtime().caughtUp());
            for (String name : Scenarios.names()) {
                List<String> narration = new ArrayList<>();
                ScenarioVerdict verdict = Scenarios.run(name, session.runtime(), session.load(), new Cancellation(), narration::add);

                assertThat(verdict.held()).as("%s:%n%s", name, String.join("\n", narration)).isTrue();
                assertThat(narration.get(0)).startsWith("Scenario " + name + ": ");
                assertThat(narration).anyMatch(l -> l.startsWith("1. ")).anyMatch(l -> l.startsWith("3. "));
                assertThat(narration.get(narration.size() - 1)).isEqualTo(verdict.line()).startsWith("VERDICT " + name + ": HELD");
                assertThat(session.load().paused()).as("the load goes on after " + name).isFalse();
                if (name.equals("crash-and-rebuild")) {
                    assertThat(narration).as("the rebuild narrates how the index swapped its shadow in")
                            .anyMatch(l -> l.strip().startsWith("swap (done): Lucene index: one atomic rename of ") && l.contains("CURRENT"));
                }
            }
        }
    }

    @Test
    void anUnknownScenarioIsRefusedWithTheListOfKnownOnes() {
        Assertions.assertThatThrownBy(() -> Scenarios.run("bogus", null, null, new Cancellation(), l -> { }))
                .isInstanceOf(HeadwaterException.class).hasMessageContaining("corrupt-and-verify, crash-and-rebuild, duplicate-delivery, time-travel");
    }
}
