package io.headwater.views.verify;

import io.headwater.engine.integrity.Finding;
import io.headwater.engine.integrity.VerificationResult;
import java.time.Instant;
import java.util.List;

/**
 * One row of the results table: the last verification of one flow in this session.
 *
 * @param findings the findings to drill into (those the result lists, then more received while it ran)
 * @param steps    the bisection, for the step-through
 */
public record FlowResult(String flowId, Instant finishedAt, VerificationResult result, List<Finding> findings, List<BisectionStep> steps) {
    public FlowResult {
        findings = List.copyOf(findings);
        steps = List.copyOf(steps);
    }

    public long compared() {
        return result.compared();
    }

    public long missing() {
        return result.counts().missing();
    }

    public long extra() {
        return result.counts().extra();
    }

    public long mismatched() {
        return result.counts().mismatched();
    }

    public long inFlight() {
        return result.counts().inFlight();
    }

    public boolean clean() {
        return result.clean();
    }

    /** {@code 1.23 s}. */
    public String timeText() {
        return String.format("%.2f s", result.elapsed().toMillis() / 1000.0);
    }

    /** {@code clean} or {@code CORRUPT}. */
    public String verdict() {
        return clean() ? (inFlight() > 0 ? "clean (changes in flight)" : "clean") : "CORRUPT";
    }
}
