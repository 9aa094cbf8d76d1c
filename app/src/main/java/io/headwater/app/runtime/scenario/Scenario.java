package io.headwater.app.runtime.scenario;

import io.headwater.engine.workbench.ScenarioVerdict;

/** One scripted teaching story: it makes a claim, acts it out step by step, and says whether the claim held. */
interface Scenario {
    String name();

    /** The claim, in one sentence, narrated first. */
    String claim();

    ScenarioVerdict run(ScenarioContext context);

    default ScenarioVerdict verdict(boolean held, String why) {
        return new ScenarioVerdict(name(), held, "VERDICT " + name() + ": " + (held ? "HELD" : "FAILED") + " — " + why);
    }
}
