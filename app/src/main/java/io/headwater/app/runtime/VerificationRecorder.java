package io.headwater.app.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headwater.connectors.workbench.H2VerificationHistory;
import io.headwater.engine.history.VerificationRun;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Pipeline;
import java.time.Instant;
import java.util.List;

/**
 * The verification history of a pipeline's data directory ({@code DATA_DIR/workbench}, shared by
 * {@code headwater verify} and the workbench): saves each run with its full report, reads earlier
 * runs back, newest first. Thread-safe, as {@link H2VerificationHistory} is.
 */
public final class VerificationRecorder implements AutoCloseable {
    /** The mode of a verification with the default, fast fingerprints. */
    public static final String FAST = "fast";

    private final Pipeline pipeline;
    private final H2VerificationHistory history;

    private VerificationRecorder(Pipeline pipeline, H2VerificationHistory history) {
        this.pipeline = pipeline;
        this.history = history;
    }

    /** Opens (creating when absent) the history in the pipeline's data directory. */
    public static VerificationRecorder open(Pipeline pipeline) {
        return new VerificationRecorder(pipeline, H2VerificationHistory.open(pipeline.dataDir().resolve("workbench")));
    }

    /**
     * Saves one verification of {@code flow} and returns the run with its id.
     *
     * @param mode    {@value #FAST} or {@code audit}
     * @param started when the verification started
     * @param report  its full report, every finding ({@link VerificationReportJson#result})
     */
    public VerificationRun save(Flow flow, VerificationResult r, String mode, Instant started, ObjectNode report) {
        return history.save(new VerificationRun(0, started, pipeline.name(), flow.id(), r.source(), r.target(), mode, r.sourceCount(),
                r.targetCount(), r.compared(), r.counts().missing(), r.counts().extra(), r.counts().mismatched(), r.counts().inFlight(),
                r.clean(), r.elapsed().toMillis(), r.merkleRoot(), report.toString()));
    }

    /** The most recent runs of this pipeline, newest first. */
    public List<VerificationRun> recent(int limit) {
        return history.recent(pipeline.name(), limit);
    }

    @Override
    public void close() {
        history.close();
    }
}
