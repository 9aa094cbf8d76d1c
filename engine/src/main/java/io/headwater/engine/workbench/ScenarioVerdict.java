package io.headwater.engine.workbench;

/**
 * How a teaching scenario ended.
 *
 * @param held whether the story's claim held (e.g. the rebuilt index verified clean)
 * @param line the one-line verdict, e.g. "VERDICT: held — the rebuilt index verified clean (1,204 rows)"
 */
public record ScenarioVerdict(String scenario, boolean held, String line) {
}
