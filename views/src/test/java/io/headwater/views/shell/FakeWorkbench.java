package io.headwater.views.shell;

import io.headwater.engine.faults.Fault;
import io.headwater.engine.faults.InjectedFault;
import io.headwater.engine.history.VerificationRun;
import io.headwater.engine.integrity.BisectionListener;
import io.headwater.engine.integrity.FindingSink;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.replay.AsOf;
import io.headwater.engine.replay.HistoryEntry;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.LogRecord;
import io.headwater.engine.spi.PartitionRef;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.engine.status.SystemStatus;
import io.headwater.engine.workbench.RebuildReport;
import io.headwater.engine.workbench.ScenarioVerdict;
import io.headwater.engine.workbench.TimeTravelReport;
import io.headwater.engine.workbench.Workbench;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A workbench answering from fixed values, for view-model tests: the view model, not the workbench,
 * is under test. Only what the shell, graph and lineage view models ask is answered.
 */
public final class FakeWorkbench implements Workbench {
    private final Pipeline pipeline;
    public volatile List<SystemStatus> statuses = List.of();
    public final List<VerificationRun> history = new ArrayList<>();
    public volatile boolean closed;
    public volatile int statusCalls;
    /** When set, {@link #status()} throws it. */
    public volatile RuntimeException statusFailure;

    public FakeWorkbench(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public Pipeline pipeline() {
        return pipeline;
    }

    @Override
    public List<SystemStatus> status() {
        statusCalls++;
        if (statusFailure != null) {
            throw statusFailure;
        }
        return statuses;
    }

    @Override
    public List<VerificationRun> verificationHistory(int limit) {
        return List.copyOf(history);
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public List<Flow> verifiableFlows() {
        return pipeline.flows();
    }

    @Override
    public VerificationResult verify(String flowId, Cancellation c, ProgressListener p, FindingSink f, BisectionListener s) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public List<DatasetRef> rebuildableDatasets() {
        return List.of();
    }

    @Override
    public RebuildReport rebuild(DatasetRef dataset, Cancellation c, ProgressListener r, ProgressListener v, Consumer<String> swapPlanned) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public TimeTravelReport materialize(DatasetRef dataset, AsOf asOf, int maxRows, Cancellation c, ProgressListener p) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public List<HistoryEntry> entityHistory(DatasetRef dataset, String key, Cancellation c, ProgressListener p) {
        return List.of();
    }

    @Override
    public List<DatasetRef> topics() {
        return List.of();
    }

    @Override
    public Map<PartitionRef, long[]> offsets(DatasetRef topic) {
        return Map.of();
    }

    @Override
    public List<LogRecord> browse(DatasetRef topic, int partition, long offset, Instant from, int limit, Cancellation c) {
        return List.of();
    }

    @Override
    public long search(DatasetRef topic, String text, long maxRecords, Cancellation c, ProgressListener p, Consumer<LogRecord> hits) {
        return 0;
    }

    @Override
    public List<InjectedFault> inject(DatasetRef dataset, Fault fault, int count, long seed) {
        return List.of();
    }

    @Override
    public void setConsumerRunning(String flowId, boolean running) {
        // not needed by these tests
    }

    @Override
    public boolean consumerRunning(String flowId) {
        return true;
    }

    @Override
    public List<String> scenarios() {
        return List.of();
    }

    @Override
    public ScenarioVerdict runScenario(String name, Cancellation c, Consumer<String> narration) {
        throw new UnsupportedOperationException("not needed by these tests");
    }
}
