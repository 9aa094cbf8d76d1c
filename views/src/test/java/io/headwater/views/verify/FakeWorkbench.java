package io.headwater.views.verify;

import io.headwater.engine.faults.Fault;
import io.headwater.engine.faults.InjectedFault;
import io.headwater.engine.history.VerificationRun;
import io.headwater.engine.integrity.BisectionListener;
import io.headwater.engine.integrity.Finding;
import io.headwater.engine.integrity.FindingCounts;
import io.headwater.engine.integrity.FindingSink;
import io.headwater.engine.integrity.FindingType;
import io.headwater.engine.integrity.FingerprintAlgorithm;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A workbench for view-model tests: a tiny pipeline (pg.customers → kafka.customers →
 * search.customers, pg.documents → kafka.documents → blobs.documents) whose long operations run
 * the script a test sets. Unset scripts fail, so a test only gets what it asked for.
 */
public class FakeWorkbench implements Workbench {
    public static final DatasetRef PG = new DatasetRef("pg", "customers");
    public static final DatasetRef TOPIC = new DatasetRef("kafka", "customers");
    public static final DatasetRef SEARCH = new DatasetRef("search", "customers");
    public static final DatasetRef PG_DOCS = new DatasetRef("pg", "documents");
    public static final DatasetRef DOC_TOPIC = new DatasetRef("kafka", "documents");
    public static final DatasetRef BLOBS = new DatasetRef("blobs", "documents");
    public static final String INDEX_FLOW = "index-customers";
    /** The swap step every rebuild of this workbench tells before it replays, as a store would. */
    public static final String SWAP_STEP = "one atomic rename of search/customers/CURRENT switches it from the live g1 to the shadow g2";
    public static final String BLOB_FLOW = "store-documents";

    /** Runs a verification for a test. */
    public interface VerifyScript {
        VerificationResult run(String flowId, Cancellation c, ProgressListener progress, FindingSink findings, BisectionListener steps);
    }

    /** Runs a rebuild for a test. */
    public interface RebuildScript {
        RebuildReport run(DatasetRef dataset, Cancellation c, ProgressListener replay, ProgressListener verify);
    }

    /** Runs a search for a test. */
    public interface SearchScript {
        long run(DatasetRef topic, String text, long max, Cancellation c, ProgressListener progress, Consumer<LogRecord> hits);
    }

    public final List<String> calls = new CopyOnWriteArrayList<>();
    public VerifyScript verify = (f, c, p, s, b) -> {
        throw new AssertionError("no verify script");
    };
    public RebuildScript rebuild = (d, c, r, v) -> {
        throw new AssertionError("no rebuild script");
    };
    public SearchScript search = (t, x, m, c, p, h) -> {
        throw new AssertionError("no search script");
    };
    public List<VerificationRun> history = new ArrayList<>();
    public List<LogRecord> log = new ArrayList<>();
    public List<HistoryEntry> entityHistory = new ArrayList<>();
    public TimeTravelReport timeTravel;
    public RuntimeException failure;
    public final Map<String, Boolean> consumers = new java.util.concurrent.ConcurrentHashMap<>();
    public Consumer<Consumer<String>> scenario = n -> n.accept("nothing happens");
    public ScenarioVerdict verdict = new ScenarioVerdict("break-and-heal", true, "VERDICT: held");

    private final Pipeline pipeline = new Pipeline("fake", null, Path.of("/tmp/fake"), List.of(
            system("pg", SystemKind.POSTGRES, Role.RECORD, PG, PG_DOCS),
            system("kafka", SystemKind.KAFKA, Role.LOG, TOPIC, DOC_TOPIC),
            system("search", SystemKind.LUCENE, Role.DERIVED, SEARCH),
            system("blobs", SystemKind.BLOBSTORE, Role.DERIVED, BLOBS)), List.of(
            new Flow("capture-customers", FlowKind.CDC, PG, TOPIC, List.of()),
            new Flow(INDEX_FLOW, FlowKind.CONSUME, TOPIC, SEARCH, List.of()),
            new Flow("capture-documents", FlowKind.CDC, PG_DOCS, DOC_TOPIC, List.of()),
            new Flow(BLOB_FLOW, FlowKind.CONSUME, DOC_TOPIC, BLOBS, List.of())));

    private static SystemSpec system(String id, SystemKind kind, Role role, DatasetRef... refs) {
        List<Dataset> ds = new ArrayList<>();
        for (DatasetRef r : refs) {
            ds.add(dataset(r));
        }
        return new SystemSpec(id, kind, role, true, Connection.NONE, ds);
    }

    public static Dataset dataset(DatasetRef ref) {
        return new Dataset(ref, ref.dataset(), List.of("id"),
                List.of(new Field("id", FieldType.INTEGER, List.of()), new Field("email", FieldType.STRING, List.of())), null);
    }

    /** A result with the given findings, counted exactly. */
    public static VerificationResult result(long compared, List<Finding> findings) {
        FindingCounts counts = FindingCounts.NONE;
        for (Finding f : findings) {
            counts = counts.plus(f.type(), 1);
        }
        return new VerificationResult("pg.customers", "search.customers", FingerprintAlgorithm.XXH3_64, compared, compared, compared, counts,
                findings, Duration.ofMillis(1500), compared / 1.5, null, 4, findings.isEmpty() ? 0 : 1);
    }

    public static Finding mismatch(long id) {
        return new Finding(FindingType.MISMATCHED, io.headwater.engine.model.Row.of("id", id), List.of("email"),
                io.headwater.engine.model.Row.of("id", id, "email", "a@x.org"), io.headwater.engine.model.Row.of("id", id, "email", "CORRUPT"));
    }

    private void failIfAsked() {
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public Pipeline pipeline() {
        return pipeline;
    }

    @Override
    public List<SystemStatus> status() {
        return List.of();
    }

    @Override
    public List<Flow> verifiableFlows() {
        calls.add("verifiableFlows");
        failIfAsked();
        return pipeline.flows().stream().filter(f -> f.kind() == FlowKind.CONSUME).toList();
    }

    @Override
    public VerificationResult verify(String flowId, Cancellation cancellation, ProgressListener progress, FindingSink findings, BisectionListener steps) {
        calls.add("verify " + flowId);
        return verify.run(flowId, cancellation, progress, findings, steps);
    }

    @Override
    public List<VerificationRun> verificationHistory(int limit) {
        calls.add("history");
        return history;
    }

    @Override
    public List<DatasetRef> rebuildableDatasets() {
        failIfAsked();
        return List.of(SEARCH, BLOBS);
    }

    @Override
    public RebuildReport rebuild(DatasetRef dataset, Cancellation cancellation, ProgressListener replayProgress, ProgressListener verifyProgress,
                                 Consumer<String> swapPlanned) {
        calls.add("rebuild " + dataset);
        swapPlanned.accept(SWAP_STEP);
        return rebuild.run(dataset, cancellation, replayProgress, verifyProgress);
    }

    @Override
    public TimeTravelReport materialize(DatasetRef dataset, AsOf asOf, int maxRows, Cancellation cancellation, ProgressListener progress) {
        calls.add("materialize " + dataset + " " + asOf.describe());
        failIfAsked();
        return timeTravel;
    }

    @Override
    public List<HistoryEntry> entityHistory(DatasetRef dataset, String key, Cancellation cancellation, ProgressListener progress) {
        calls.add("entityHistory " + dataset + " " + key);
        failIfAsked();
        return entityHistory;
    }

    @Override
    public List<DatasetRef> topics() {
        return List.of(TOPIC, DOC_TOPIC);
    }

    @Override
    public Map<PartitionRef, long[]> offsets(DatasetRef topic) {
        return Map.of(new PartitionRef(topic.dataset(), 0), new long[] {0, log.size()});
    }

    @Override
    public List<LogRecord> browse(DatasetRef topic, int partition, long offset, Instant from, int limit, Cancellation cancellation) {
        calls.add("browse " + topic + " " + partition + " " + offset + " " + from + " " + limit);
        failIfAsked();
        return log.stream().filter(r -> from == null ? r.position().offset() >= offset : !r.timestamp().isBefore(from)).limit(limit).toList();
    }

    @Override
    public long search(DatasetRef topic, String text, long maxRecords, Cancellation cancellation, ProgressListener progress, Consumer<LogRecord> hits) {
        calls.add("search " + topic + " " + text);
        return search.run(topic, text, maxRecords, cancellation, progress, hits);
    }

    @Override
    public List<InjectedFault> inject(DatasetRef dataset, Fault fault, int count, long seed) {
        calls.add("inject " + fault + " " + dataset + " " + count);
        failIfAsked();
        List<InjectedFault> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new InjectedFault(fault, dataset, io.headwater.engine.model.Row.of("id", (long) i + 1), "email: 'a' -> 'b'"));
        }
        return out;
    }

    @Override
    public void setConsumerRunning(String flowId, boolean running) {
        calls.add("consumer " + flowId + " " + running);
        failIfAsked();
        consumers.put(flowId, running);
    }

    @Override
    public boolean consumerRunning(String flowId) {
        return consumers.getOrDefault(flowId, true);
    }

    @Override
    public List<String> scenarios() {
        return List.of("break-and-heal", "duplicate-delivery");
    }

    @Override
    public ScenarioVerdict runScenario(String name, Cancellation cancellation, Consumer<String> narration) {
        calls.add("scenario " + name);
        failIfAsked();
        scenario.accept(narration);
        return verdict;
    }

    @Override
    public void close() {
        calls.add("close");
    }
}
