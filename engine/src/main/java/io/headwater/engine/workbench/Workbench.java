package io.headwater.engine.workbench;

import io.headwater.engine.discover.ConnectorState;
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
import io.headwater.engine.spi.FlowProgress;
import io.headwater.engine.spi.LogRecord;
import io.headwater.engine.spi.PartitionRef;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.engine.status.SystemStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything the workbench's views can do with one open pipeline. Every method may block for a
 * long time (network, disk): call it from a background thread, never the FX thread. Long work takes
 * a {@link Cancellation} and reports through a {@link ProgressListener} from the working thread.
 * Failures are {@link io.headwater.engine.HeadwaterException}s with a message fit for a dialog.
 * Implementations are thread-safe.
 */
public interface Workbench extends AutoCloseable {

    /** The pipeline as configured. */
    Pipeline pipeline();

    /** Live sizes, lags and connection state of every system (cheap; polled every second or so). */
    List<SystemStatus> status();

    /**
     * How far each flow that runs outside Headwater has got, as observed (its replication slot,
     * consumer group or position table); empty when none declares how to observe it.
     */
    default List<FlowProgress> flowProgress() {
        return List.of();
    }

    /**
     * The state of each connector the external flows name, by connector name, from the Kafka Connect
     * cluster of the config's {@code connect} key; empty when there is none.
     */
    default Map<String, ConnectorState> connectorStates() {
        return Map.of();
    }

    /** The flows {@link #verify} accepts. */
    List<Flow> verifiableFlows();

    /**
     * Verifies one flow end to end and records the run in the history.
     *
     * @param findings  receives every finding as it is confirmed (not only the listed ones)
     * @param steps     receives the bisection steps, for the step-through view
     */
    VerificationResult verify(String flowId, Cancellation cancellation, ProgressListener progress, FindingSink findings,
                              BisectionListener steps);

    /** Earlier verification runs, newest first. */
    List<VerificationRun> verificationHistory(int limit);

    /** The derived datasets {@link #rebuild} accepts (every target of a consume flow). */
    List<DatasetRef> rebuildableDatasets();

    /**
     * Rebuilds a derived dataset from its log into a shadow store, verifies the shadow and swaps it
     * in only when clean.
     *
     * @param replayProgress events read of the log's end offsets
     * @param verifyProgress rows compared during the shadow's verification
     * @param swapPlanned    told how the store will swap the shadow in (naming live and shadow) once the
     *                       shadow is open, before the replay; from the working thread
     */
    RebuildReport rebuild(DatasetRef dataset, Cancellation cancellation, ProgressListener replayProgress, ProgressListener verifyProgress,
                          Consumer<String> swapPlanned);

    /**
     * Materialises a dataset as of a log offset or instant into a temporary, read-only store and
     * returns its rows (at most {@code maxRows}).
     */
    TimeTravelReport materialize(DatasetRef dataset, AsOf asOf, int maxRows, Cancellation cancellation, ProgressListener progress);

    /** Every change of one entity, oldest first; {@code key} is written as on the command line ({@code 42}, {@code a=1,b=x}). */
    List<HistoryEntry> entityHistory(DatasetRef dataset, String key, Cancellation cancellation, ProgressListener progress);

    /** The topics of the pipeline's logs, by dataset. */
    List<DatasetRef> topics();

    /** Partitions of a topic with their first and next offsets. */
    Map<PartitionRef, long[]> offsets(DatasetRef topic);

    /** Up to {@code limit} records of one partition from {@code offset} on (or from the first at or after {@code from}, when not null). */
    List<LogRecord> browse(DatasetRef topic, int partition, long offset, Instant from, int limit, Cancellation cancellation);

    /**
     * Scans a topic from its beginning for records whose key or value contains {@code text},
     * reading at most {@code maxRecords}; each hit is handed to {@code hits} as it is found.
     *
     * @return how many records were scanned
     */
    long search(DatasetRef topic, String text, long maxRecords, Cancellation cancellation, ProgressListener progress, Consumer<LogRecord> hits);

    /** Damages a derived store (or makes its consumer misbehave) for the demonstration. */
    List<InjectedFault> inject(DatasetRef dataset, Fault fault, int count, long seed);

    /** Stops the consumer of a flow (its store stops following the log) or starts it again. */
    void setConsumerRunning(String flowId, boolean running);

    /** Whether the consumer of a flow is running. */
    boolean consumerRunning(String flowId);

    /** The names of the scripted teaching scenarios. */
    List<String> scenarios();

    /**
     * Runs a scripted teaching scenario on this pipeline; each step is narrated through {@code narration}.
     */
    ScenarioVerdict runScenario(String name, Cancellation cancellation, Consumer<String> narration);

    /**
     * Privacy and retention audits of this pipeline.
     *
     * @throws io.headwater.engine.HeadwaterException when this workbench cannot audit its pipeline
     */
    default AuditWorkbench audits() {
        throw new io.headwater.engine.HeadwaterException("audits are not available for pipeline " + pipeline().name());
    }

    @Override
    void close();
}
