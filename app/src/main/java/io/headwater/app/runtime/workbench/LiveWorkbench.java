package io.headwater.app.runtime.workbench;

import io.headwater.app.runtime.DemoSession;
import io.headwater.app.runtime.LivePipeline;
import io.headwater.app.runtime.discover.ConnectorStates;
import io.headwater.app.runtime.scenario.Scenarios;
import io.headwater.connectors.demo.LoadGenerator;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.discover.ConnectorState;
import io.headwater.engine.faults.Fault;
import io.headwater.engine.faults.InjectedFault;
import io.headwater.engine.history.VerificationRun;
import io.headwater.engine.integrity.BisectionListener;
import io.headwater.engine.integrity.FindingSink;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.replay.AsOf;
import io.headwater.engine.replay.HistoryEntry;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.FlowProgress;
import io.headwater.engine.spi.LogRecord;
import io.headwater.engine.spi.PartitionRef;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.engine.status.SystemStatus;
import io.headwater.engine.workbench.AuditWorkbench;
import io.headwater.engine.workbench.RebuildReport;
import io.headwater.engine.workbench.ScenarioVerdict;
import io.headwater.engine.workbench.TimeTravelReport;
import io.headwater.engine.workbench.Workbench;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The {@link Workbench} on a pipeline running in this process ({@link LivePipeline}, with or
 * without the demo's load): every view's work done through the same code paths as the CLI's
 * commands. Closing it stops what it was opened on. Thread-safe; calls block, so make them from a
 * background thread.
 */
public final class LiveWorkbench implements Workbench {
    private final LivePipeline runtime;
    private final Runnable stop;
    /** The demo's load generator, which a scenario may pause; null on a pipeline without one. */
    private final LoadGenerator load;
    private final PipelineLookup lookup;
    private final RecordedVerification verification;
    private final ShadowRebuilds rebuilds;
    private final TimeTravelQueries past;
    private final TopicBrowser topics;
    private final DemoFaults faults;
    private final AtomicBoolean closed = new AtomicBoolean();
    private AuditWorkbench audits;

    private LiveWorkbench(LivePipeline runtime, LoadGenerator load, Runnable stop) {
        this.runtime = runtime;
        this.load = load;
        this.stop = stop;
        this.lookup = new PipelineLookup(runtime.pipeline());
        VerifyOptions options = VerifyOptions.defaults();
        this.verification = new RecordedVerification(runtime, options);
        this.rebuilds = new ShadowRebuilds(runtime, options);
        this.past = new TimeTravelQueries(runtime, lookup);
        this.topics = new TopicBrowser(runtime::eventLogOf, lookup);
        this.faults = new DemoFaults(runtime, lookup);
    }

    /** The workbench on the running demo; closing it stops the load and the pipeline. */
    public static LiveWorkbench open(DemoSession session) {
        return new LiveWorkbench(session.runtime(), session.load(), session::close);
    }

    /** The workbench on a running pipeline; closing it stops the pipeline. */
    public static LiveWorkbench open(LivePipeline runtime) {
        return new LiveWorkbench(runtime, null, runtime::close);
    }

    @Override
    public Pipeline pipeline() {
        return runtime.pipeline();
    }

    @Override
    public List<SystemStatus> status() {
        return guard("status of pipeline " + pipeline().name(), runtime::status);
    }

    @Override
    public List<FlowProgress> flowProgress() {
        return guard("progress of the external flows of " + pipeline().name(), runtime::flowProgress);
    }

    @Override
    public Map<String, ConnectorState> connectorStates() {
        return ConnectorStates.of(pipeline()).states();
    }

    @Override
    public List<Flow> verifiableFlows() {
        return lookup.verifiableFlows();
    }

    @Override
    public VerificationResult verify(String flowId, Cancellation cancellation, ProgressListener progress, FindingSink findings,
                                     BisectionListener steps) {
        return guard("verification of flow " + flowId, () -> verification.verify(lookup.verifiableFlow(flowId), cancellation, progress,
                findings == null ? FindingSink.NONE : findings, steps == null ? BisectionListener.NONE : steps));
    }

    @Override
    public List<VerificationRun> verificationHistory(int limit) {
        return guard("reading the verification history", () -> verification.recent(Math.max(0, limit)));
    }

    @Override
    public List<DatasetRef> rebuildableDatasets() {
        // A rebuild swaps into the live store: only stores whose consumer headwater runs and may write.
        return lookup.derivedDatasets().stream()
                .filter(d -> runtime.consumer(d).isPresent() && pipeline().systemOf(d).mayWrite()).toList();
    }

    @Override
    public RebuildReport rebuild(DatasetRef dataset, Cancellation cancellation, ProgressListener replayProgress, ProgressListener verifyProgress,
                                 Consumer<String> swapPlanned) {
        return guard("rebuild of " + dataset, () -> {
            lookup.feedOf(dataset);
            return rebuilds.rebuild(dataset, cancellation, replayProgress, verifyProgress, swapPlanned);
        });
    }

    @Override
    public TimeTravelReport materialize(DatasetRef dataset, AsOf asOf, int maxRows, Cancellation cancellation, ProgressListener progress) {
        return guard("time travel of " + dataset + " as of " + (asOf == null ? "?" : asOf.describe()),
                () -> past.materialize(dataset, asOf, maxRows, cancellation, progress));
    }

    @Override
    public List<HistoryEntry> entityHistory(DatasetRef dataset, String key, Cancellation cancellation, ProgressListener progress) {
        return guard("history of " + dataset + " key '" + key + "'", () -> past.entityHistory(dataset, key, cancellation, progress));
    }

    @Override
    public List<DatasetRef> topics() {
        return topics.topics();
    }

    @Override
    public Map<PartitionRef, long[]> offsets(DatasetRef topic) {
        return guard("offsets of topic " + topic, () -> topics.offsets(topic));
    }

    @Override
    public List<LogRecord> browse(DatasetRef topic, int partition, long offset, Instant from, int limit, Cancellation cancellation) {
        return guard("browsing topic " + topic + " partition " + partition, () -> topics.browse(topic, partition, offset, from, limit, cancellation));
    }

    @Override
    public long search(DatasetRef topic, String text, long maxRecords, Cancellation cancellation, ProgressListener progress,
                       Consumer<LogRecord> hits) {
        return guard("searching topic " + topic + " for '" + text + "'", () -> topics.search(topic, text, maxRecords, cancellation, progress, hits));
    }

    @Override
    public List<InjectedFault> inject(DatasetRef dataset, Fault fault, int count, long seed) {
        return guard("injecting " + (fault == null ? "a fault" : fault.configName()) + " into " + dataset,
                () -> faults.inject(dataset, fault, count, seed));
    }

    @Override
    public void setConsumerRunning(String flowId, boolean running) {
        guard((running ? "starting" : "stopping") + " the consumer of flow " + flowId, () -> {
            lookup.consumeFlow(flowId);
            if (running) {
                runtime.startConsumer(flowId);
            } else {
                runtime.stopConsumer(flowId);
            }
            return null;
        });
    }

    @Override
    public boolean consumerRunning(String flowId) {
        return guard("the state of the consumer of flow " + flowId, () -> {
            lookup.consumeFlow(flowId);
            return runtime.consumerRunning(flowId);
        });
    }

    @Override
    public List<String> scenarios() {
        return Scenarios.names();
    }

    @Override
    public ScenarioVerdict runScenario(String name, Cancellation cancellation, Consumer<String> narration) {
        return guard("scenario " + name, () -> Scenarios.run(name, runtime, load, cancellation, narration));
    }

    /** The audits of this pipeline (the Audit view's facade); opened on first use, on the same pipeline. */
    @Override
    public AuditWorkbench audits() {
        synchronized (closed) {
            if (audits == null) {
                audits = new LiveAuditWorkbench(runtime, closed::get);
            }
            return audits;
        }
    }

    /** Stops what this workbench was opened on (the demo's load and the pipeline); later calls fail. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                verification.close();
            } finally {
                stop.run();
            }
        }
    }

    private <T> T guard(String what, java.util.function.Supplier<T> work) {
        if (closed.get()) {
            throw new HeadwaterException(what + ": the workbench on pipeline " + pipeline().name() + " is closed");
        }
        return Failures.guard(what, work);
    }
}
