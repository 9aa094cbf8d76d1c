package io.headwater.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.app.runtime.LivePipeline;
import io.headwater.app.runtime.workbench.LiveWorkbench;
import io.headwater.engine.Cancelled;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.faults.Fault;
import io.headwater.engine.faults.InjectedFault;
import io.headwater.engine.history.VerificationRun;
import io.headwater.engine.integrity.BisectionListener;
import io.headwater.engine.integrity.Finding;
import io.headwater.engine.integrity.FindingSink;
import io.headwater.engine.integrity.FindingType;
import io.headwater.engine.integrity.KeyRange;
import io.headwater.engine.integrity.SegmentChecksum;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Row;
import io.headwater.engine.replay.AsOf;
import io.headwater.engine.replay.HistoryEntry;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ChangeOp;
import io.headwater.engine.spi.LogRecord;
import io.headwater.engine.spi.PartitionRef;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.engine.status.DatasetStatus;
import io.headwater.engine.workbench.RebuildReport;
import io.headwater.engine.workbench.TimeTravelReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workbench facade the GUI's views call, on one real embedded demo pipeline shared by the class. */
class LiveWorkbenchIT {
    private static final DatasetRef SEARCH = DatasetRef.parse("search.customers");
    private static final DatasetRef CACHE = DatasetRef.parse("cache.customers");
    private static final DatasetRef BALANCES = DatasetRef.parse("analytics.balances");
    private static final DatasetRef CUSTOMERS_TOPIC = DatasetRef.parse("kafka.customers");

    @TempDir
    static Path dataDir;

    private static LivePipeline runtime;
    private static LiveWorkbench workbench;

    @BeforeAll
    static void startDemo() throws Exception {
        runtime = LivePipeline.start(DemoPipelineSupport.demo(dataDir), LivePipeline.Options.demo(21), ProgressListener.NONE);
        workbench = LiveWorkbench.open(runtime);
        LivePipelineIT.awaitCaughtUp(runtime);
    }

    @AfterAll
    static void stopDemo() {
        if (workbench != null) {
            workbench.close(); // stops the pipeline too
        } else if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void verifiesACleanFlowAndRecordsTheRunInTheHistory() {
        AtomicLong lastDone = new AtomicLong();
        VerificationResult r = workbench.verify("account-balances", new Cancellation(), (done, total, unit) -> lastDone.set(done),
                collectInto(new ArrayList<>()), BisectionListener.NONE);

        assertThat(r.clean()).isTrue();
        assertThat(r.compared()).isPositive().isEqualTo(lastDone.get());
        VerificationRun newest = workbench.verificationHistory(5).get(0);
        assertThat(newest.flow()).isEqualTo("account-balances");
        assertThat(newest.clean()).isTrue();
        assertThat(newest.compared()).isEqualTo(r.compared());
        assertThat(newest.reportJson()).contains("\"flow\":\"account-balances\"");

        assertThatThrownBy(() -> workbench.verify("no-such-flow", new Cancellation(), ProgressListener.NONE, f -> { }, BisectionListener.NONE))
                .isInstanceOf(HeadwaterException.class).hasMessageContaining("no-such-flow").hasMessageContaining("index-customers");
    }

    @Test
    void reportsCorruptionOfTheIndexAsItIsFoundThenARebuildSwapsInACleanStore() {
        List<InjectedFault> injected = workbench.inject(SEARCH, Fault.CORRUPT, 3, 5);
        assertThat(injected).hasSize(3);

        List<Finding> streamed = new CopyOnWriteArrayList<>();
        StepLog steps = new StepLog();
        VerificationResult corrupt = workbench.verify("index-customers", new Cancellation(), ProgressListener.NONE, collectInto(streamed), steps);

        assertThat(corrupt.clean()).isFalse();
        assertThat(corrupt.counts().mismatched()).isEqualTo(3);
        assertThat(keys(streamed, FindingType.MISMATCHED)).isEqualTo(injected.stream().map(InjectedFault::key).collect(Collectors.toSet()));
        // A Lucene index is read record by record (no checksums pushed down): one merge step finds all three.
        assertThat(steps.mergedFindings()).isEqualTo(3);
        assertThat(workbench.verificationHistory(1).get(0).mismatched()).isEqualTo(3);

        AtomicLong replayed = new AtomicLong();
        List<String> planned = new CopyOnWriteArrayList<>();
        RebuildReport rebuilt = workbench.rebuild(SEARCH, new Cancellation(), (done, total, unit) -> replayed.set(done), ProgressListener.NONE,
                planned::add);

        assertThat(rebuilt.swapped()).isTrue();
        // The swap step is told before the replay and is the one the report names: the index's pointer file and generations.
        assertThat(planned).containsExactly(rebuilt.swapStep());
        assertThat(rebuilt.swapStep()).startsWith("Lucene index: one atomic rename of ").contains("CURRENT").contains("to the shadow g");
        assertThat(rebuilt.verification().clean()).isTrue();
        assertThat(rebuilt.eventsRead()).isPositive().isEqualTo(replayed.get());
        VerificationResult after = workbench.verify("index-customers", new Cancellation(), ProgressListener.NONE, f -> { }, BisectionListener.NONE);
        assertThat(after.clean()).isTrue();
        assertThat(after.compared()).isEqualTo(corrupt.compared());
    }

    @Test
    void reportsTheBisectionStepsThatNarrowAnAnalyticsTableDownToTheCorruptRecord() {
        List<InjectedFault> injected = workbench.inject(BALANCES, Fault.CORRUPT, 1, 9);
        List<Finding> streamed = new CopyOnWriteArrayList<>();
        StepLog steps = new StepLog();

        VerificationResult corrupt = workbench.verify("account-balances", new Cancellation(), ProgressListener.NONE, collectInto(streamed), steps);

        assertThat(corrupt.counts().mismatched()).isEqualTo(1);
        assertThat(keys(streamed, FindingType.MISMATCHED)).containsExactly(injected.get(0).key());
        // Both sides are SQL: segment checksums are compared, and only the unequal segment is read record by record.
        assertThat(steps.unequalSegments()).isEqualTo(1);
        assertThat(steps.equalSegments()).isPositive();
        assertThat(steps.mergedFindings()).isEqualTo(1);
        assertThat(steps.merges()).isEqualTo(1);

        RebuildReport rebuilt = workbench.rebuild(BALANCES, new Cancellation(), ProgressListener.NONE, ProgressListener.NONE, step -> { });
        assertThat(rebuilt.swapped()).isTrue();
        assertThat(rebuilt.swapStep()).contains("CREATE OR REPLACE VIEW");
        assertThat(workbench.verify("account-balances", new Cancellation(), ProgressListener.NONE, f -> { }, BisectionListener.NONE).clean()).isTrue();
    }

    @Test
    void materialisesADatasetAsOfAnOffsetWithoutTouchingTheLiveStore() {
        TimeTravelReport early = workbench.materialize(SEARCH, AsOf.offset(50), 10, new Cancellation(), ProgressListener.NONE);
        TimeTravelReport now = workbench.materialize(CACHE, AsOf.offset(Long.MAX_VALUE), 1000, new Cancellation(), ProgressListener.NONE);

        // The first 50 records of the customers topic are the snapshot's first 50 customers.
        assertThat(early.asOf()).isEqualTo("offset 50");
        assertThat(early.eventsApplied()).isEqualTo(50);
        assertThat(early.totalRows()).isEqualTo(50);
        assertThat(early.rows()).hasSize(10);
        assertThat(early.rows().get(0).fields()).containsExactlyInAnyOrder("id", "name", "email", "country");
        assertThat(now.totalRows()).isEqualTo(runtime.sink(CACHE).orElseThrow().count());

        assertThatThrownBy(() -> workbench.materialize(DatasetRef.parse("search.nothing"), AsOf.offset(1), 1, new Cancellation(), ProgressListener.NONE))
                .isInstanceOf(HeadwaterException.class).hasMessageContaining("search.nothing").hasMessageContaining("search.customers");
    }

    @Test
    void showsEveryChangeOfOneCustomerThroughTheFlowIntoTheIndex() throws Exception {
        sql("UPDATE customers SET email = 'ada.history@example.org', updated_at = now() WHERE id = 2");
        List<List<HistoryEntry>> seen = new ArrayList<>(List.of(List.of()));
        DemoPipelineSupport.await("the update of customer 2 in its history", 30_000, () -> {
            seen.set(0, workbench.entityHistory(SEARCH, "2", new Cancellation(), ProgressListener.NONE));
            return seen.get(0).size() >= 2;
        });

        List<HistoryEntry> history = seen.get(0);
        assertThat(history.get(0).op()).isEqualTo(ChangeOp.SNAPSHOT);
        HistoryEntry update = history.get(history.size() - 1);
        assertThat(update.op()).isEqualTo(ChangeOp.UPDATE);
        assertThat(update.changedFields()).contains("email");
        assertThat(update.after().get("email")).isEqualTo("ada.history@example.org");

        assertThatThrownBy(() -> workbench.entityHistory(SEARCH, "two", new Cancellation(), ProgressListener.NONE))
                .isInstanceOf(HeadwaterException.class).hasMessageContaining("search.customers").hasMessageContaining("id (integer)");
    }

    @Test
    void browsesATopicPageByOffsetAndTimeAndSearchesItForACustomersEmail() throws Exception {
        Map<PartitionRef, long[]> offsets = workbench.offsets(CUSTOMERS_TOPIC);
        assertThat(workbench.topics()).contains(CUSTOMERS_TOPIC);
        assertThat(offsets).hasSize(1);
        long end = offsets.values().iterator().next()[1];
        assertThat(end).isGreaterThanOrEqualTo(200);

        List<LogRecord> page = workbench.browse(CUSTOMERS_TOPIC, 0, 10, null, 5, new Cancellation());
        assertThat(page).extracting(r -> r.position().offset()).containsExactly(10L, 11L, 12L, 13L, 14L);
        LogRecord twentieth = workbench.browse(CUSTOMERS_TOPIC, 0, 20, null, 1, new Cancellation()).get(0);
        LogRecord fromTime = workbench.browse(CUSTOMERS_TOPIC, 0, 0, twentieth.timestamp(), 1, new Cancellation()).get(0);
        assertThat(fromTime.timestamp()).isAfterOrEqualTo(twentieth.timestamp());
        assertThat(fromTime.position().offset()).isLessThanOrEqualTo(20);
        assertThatThrownBy(() -> workbench.browse(CUSTOMERS_TOPIC, 7, 0, null, 5, new Cancellation()))
                .isInstanceOf(HeadwaterException.class).hasMessageContaining("no partition 7");

        String email = queryString("SELECT email FROM customers WHERE id = 7");
        List<LogRecord> hits = new CopyOnWriteArrayList<>();
        AtomicLong progressed = new AtomicLong();
        long scanned = workbench.search(CUSTOMERS_TOPIC, email.toUpperCase(java.util.Locale.ROOT), 1_000_000, new Cancellation(),
                (done, total, unit) -> progressed.set(done), hits::add);
        assertThat(scanned).isGreaterThanOrEqualTo(end);
        assertThat(progressed.get()).isEqualTo(scanned);
        assertThat(hits).isNotEmpty().allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains(email));

        Cancellation stopAtFirstHit = new Cancellation();
        AtomicInteger hitsBeforeCancel = new AtomicInteger();
        String firstEmail = queryString("SELECT email FROM customers WHERE id = 1");
        assertThatThrownBy(() -> workbench.search(CUSTOMERS_TOPIC, firstEmail, 1_000_000, stopAtFirstHit, ProgressListener.NONE, r -> {
            hitsBeforeCancel.incrementAndGet();
            stopAtFirstHit.cancel();
        })).isInstanceOf(Cancelled.class);
        assertThat(hitsBeforeCancel.get()).isEqualTo(1);
    }

    @Test
    void aStoppedConsumerFallsBehindAndCatchesUpFromItsCheckpointWhenStarted() throws Exception {
        workbench.setConsumerRunning("cache-customers", false);
        assertThat(workbench.consumerRunning("cache-customers")).isFalse();
        assertThat(workbench.consumerRunning("index-customers")).isTrue();
        assertThatThrownBy(() -> workbench.inject(CACHE, Fault.DUPLICATE_DELIVERY, 1, 1))
                .isInstanceOf(HeadwaterException.class).hasMessageContaining("cache-customers").hasMessageContaining("stopped");

        sql("UPDATE customers SET name = name || ' Jr.', updated_at = now() WHERE id BETWEEN 100 AND 119");
        DemoPipelineSupport.await("the stopped cache to fall 20 behind", 30_000, () -> lag(CACHE) >= 20);
        DemoPipelineSupport.await("the running index to keep up meanwhile", 30_000, () -> lag(SEARCH) == 0);
        long behind = lag(CACHE);

        workbench.setConsumerRunning("cache-customers", true);
        assertThat(workbench.consumerRunning("cache-customers")).isTrue();
        DemoPipelineSupport.await("the restarted cache to catch up", 30_000, () -> lag(CACHE) == 0);
        assertThat(behind).isGreaterThanOrEqualTo(20);
        VerificationResult r = workbench.verify("cache-customers", new Cancellation(), ProgressListener.NONE, f -> { }, BisectionListener.NONE);
        assertThat(r.clean()).isTrue();
        assertThat(r.counts().inFlight()).isZero();
    }

    private static FindingSink collectInto(List<Finding> into) {
        return into::add;
    }

    private static Set<Row> keys(List<Finding> findings, FindingType type) {
        return findings.stream().filter(f -> f.type() == type).map(Finding::key).collect(Collectors.toSet());
    }

    /** The steps of one verification, counted. */
    private static final class StepLog implements BisectionListener {
        private final AtomicInteger equal = new AtomicInteger();
        private final AtomicInteger unequal = new AtomicInteger();
        private final AtomicInteger merges = new AtomicInteger();
        private final AtomicLong mergedFindings = new AtomicLong();

        @Override
        public void segmentCompared(int level, KeyRange range, SegmentChecksum source, SegmentChecksum target, boolean same) {
            (same ? equal : unequal).incrementAndGet();
        }

        @Override
        public void leafMerged(KeyRange range, long findings) {
            merges.incrementAndGet();
            mergedFindings.addAndGet(findings);
        }

        int equalSegments() {
            return equal.get();
        }

        int unequalSegments() {
            return unequal.get();
        }

        int merges() {
            return merges.get();
        }

        long mergedFindings() {
            return mergedFindings.get();
        }
    }

    private static long lag(DatasetRef ref) {
        return workbench.status().stream().flatMap(s -> s.datasets().stream()).filter(d -> d.ref().equals(ref)).mapToLong(DatasetStatus::lag)
                .findFirst().orElseThrow();
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = runtime.recordDataSource().orElseThrow().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(statement);
        }
    }

    private static String queryString(String query) throws SQLException {
        try (Connection c = runtime.recordDataSource().orElseThrow().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
