package io.headwater.engine.history;

import java.time.Instant;

/**
 * One stored verification of one flow: its summary figures and the full report (JSON).
 *
 * @param id     assigned by the history when saved (0 before)
 * @param mode   {@code fast} or {@code audit}
 * @param clean  no corrupt finding (in-flight ones do not count)
 */
public record VerificationRun(long id, Instant started, String pipeline, String flow, String source, String target, String mode,
                              long sourceCount, long targetCount, long compared, long missing, long extra, long mismatched,
                              long inFlight, boolean clean, long millis, String merkleRoot, String reportJson) {
    public VerificationRun withId(long newId) {
        return new VerificationRun(newId, started, pipeline, flow, source, target, mode, sourceCount, targetCount, compared, missing, extra,
                mismatched, inFlight, clean, millis, merkleRoot, reportJson);
    }
}
