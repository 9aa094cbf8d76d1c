package io.headwater.app.runtime.workbench;

import io.headwater.app.runtime.LivePipeline;
import io.headwater.app.runtime.FlowVerification;
import io.headwater.app.runtime.VerificationRecorder;
import io.headwater.app.runtime.VerificationReportJson;
import io.headwater.engine.history.VerificationRun;
import io.headwater.engine.integrity.BisectionListener;
import io.headwater.engine.integrity.Finding;
import io.headwater.engine.integrity.FindingSink;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.Flow;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ProgressListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies flows of the running pipeline as {@code headwater verify} does (fast mode, differences
 * re-checked after catch-up) and records every completed run, with its full report, in the data
 * directory's verification history. A cancelled or failed run is not recorded. Thread-safe: each
 * call verifies with its own {@link FlowVerification}.
 */
final class RecordedVerification implements AutoCloseable {
    private final LivePipeline runtime;
    private final VerifyOptions options;
    private final VerificationRecorder history;

    RecordedVerification(LivePipeline runtime, VerifyOptions options) {
        this.runtime = runtime;
        this.options = options;
        this.history = VerificationRecorder.open(runtime.pipeline());
    }

    VerificationResult verify(Flow flow, Cancellation cancellation, ProgressListener progress, FindingSink findings, BisectionListener steps) {
        List<Finding> all = new ArrayList<>();
        FindingSink both = f -> {
            all.add(f);
            findings.accept(f);
        };
        Instant started = Instant.now();
        VerificationResult r = new FlowVerification(runtime, options, steps).verify(flow, cancellation, progress, both);
        history.save(flow, r, VerificationRecorder.FAST, started, VerificationReportJson.result(flow.id(), r, all));
        return r;
    }

    List<VerificationRun> recent(int limit) {
        return history.recent(limit);
    }

    @Override
    public void close() {
        history.close();
    }
}
