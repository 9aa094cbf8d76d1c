package io.headwater.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.app.cli.Attached;
import io.headwater.app.runtime.LivePipeline;
import io.headwater.app.runtime.FlowVerification;
import io.headwater.app.runtime.RebuildRunner;
import io.headwater.engine.faults.DeliveryFault;
import io.headwater.engine.integrity.Finding;
import io.headwater.engine.integrity.FindingType;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Row;
import io.headwater.engine.pipeline.FlowConsumer;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.ChangeOp;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.LogPosition;
import io.headwater.engine.spi.ProgressListener;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once on the consuming side, on the real demo pipeline: a re-delivered event changes
 * nothing in an idempotent store and is counted twice by the deliberately naive one, and
 * verification reports exactly the days that got wrong; dropped events leave exactly their keys
 * missing or stale until a rebuild heals the store.
 */
class ExactlyOnceIT {
    private static final DatasetRef DAILY = DatasetRef.parse("analytics.daily_totals");
    private static final DatasetRef NAIVE = DatasetRef.parse("analytics.daily_totals_naive");
    private static final DatasetRef CACHE = DatasetRef.parse("cache.customers");
    private static final int N = 5;

    @TempDir
    Path dataDir;

    private static VerificationResult verify(LivePipeline rt, DatasetRef target) {
        Flow flow = rt.consumer(target).orElseThrow().flow();
        return new FlowVerification(rt, VerifyOptions.defaults().withMaxKeysListed(1000))
                .verify(flow, new Cancellation(), ProgressListener.NONE, f -> { });
    }

    private static Set<Row> keys(VerificationResult r, FindingType type) {
        return r.findings(type).stream().map(Finding::key).collect(Collectors.toSet());
    }

    private static DeliveryFault done(CompletableFuture<DeliveryFault> f) throws Exception {
        return f.get(60, TimeUnit.SECONDS);
    }

    /** Per day (as text): how many of the given transfers fall on it, and their amounts added up. */
    private static Map<String, BigDecimal[]> byDay(Connection pg, List<UUID> transfers) throws SQLException {
        Map<String, BigDecimal[]> out = new TreeMap<>();
        try (PreparedStatement ps = pg.prepareStatement("SELECT (created_at AT TIME ZONE 'UTC')::date, amount FROM transfers WHERE request_id = ?")) {
            for (UUID id : transfers) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("transfer %s in PostgreSQL", id).isTrue();
                    BigDecimal[] acc = out.computeIfAbsent(rs.getObject(1, LocalDate.class).toString(), d -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                    acc[0] = acc[0].add(BigDecimal.ONE);
                    acc[1] = acc[1].add(rs.getBigDecimal(2));
                }
            }
        }
        return out;
    }

    /** The table's rows per day (as text): count and sum. */
    private static Map<String, BigDecimal[]> totals(LivePipeline rt, DatasetRef ref) {
        Map<String, BigDecimal[]> out = new TreeMap<>();
        try (DatasetReader reader = rt.reader(ref)) {
            reader.scan(r -> out.put(r.get("day").toString(),
                    new BigDecimal[] {BigDecimal.valueOf(((Number) r.get("transfer_count")).longValue()), (BigDecimal) r.get("total_amount")}));
        }
        return out;
    }

    @Test
    void duplicateDeliveryLeavesTheIdempotentTotalsCleanAndDoublesTheNaiveOnesOnExactlyTheRedeliveredDays() throws Exception {
        Pipeline pipeline = DemoPipelineSupport.demo(dataDir);
        try (LivePipeline rt = LivePipeline.start(pipeline, LivePipeline.Options.demo(21), ProgressListener.NONE);
             Connection pg = rt.recordDataSource().orElseThrow().getConnection()) {
            rt.serveControl(request -> Attached.run(rt, request));
            LivePipelineIT.awaitCaughtUp(rt);
            assertThat(verify(rt, DAILY).clean()).isTrue();
            assertThat(verify(rt, NAIVE).clean()).as("the naive sink is right while every event arrives once").isTrue();
            Map<String, BigDecimal[]> before = totals(rt, NAIVE);
            String topic = pipeline.requireDataset(DatasetRef.parse("kafka.transfers")).physicalName();
            long end = rt.eventLog().endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();

            DeliveryFault safe = done(rt.consumer(DAILY).orElseThrow().redeliver(N));
            CliRun.Result cli = CliRun.run("inject", "--data-dir", dataDir.toString(), "--fault", "duplicate-delivery",
                    "--dataset", NAIVE.toString(), "--count", Integer.toString(N));

            assertThat(safe.positions()).extracting(LogPosition::offset).containsExactlyElementsOf(LongStream.range(end - N, end).boxed().toList());
            assertThat(cli.code()).as(cli.out() + cli.err()).isZero();
            assertThat(cli.out()).contains("re-delivered " + N + " already-applied log record(s) to " + NAIVE);
            for (LogPosition p : safe.positions()) {
                assertThat(cli.out()).as("the same records re-delivered to both").contains(p.toString());
            }
            List<UUID> redelivered = new ArrayList<>();
            Matcher m = Pattern.compile("request_id=([0-9a-f-]{36})").matcher(cli.out());
            while (m.find()) {
                redelivered.add(UUID.fromString(m.group(1)));
            }
            assertThat(redelivered).hasSize(N).containsExactlyElementsOf(safe.events().stream().map(e -> (UUID) e.key().get("request_id")).toList());
            Map<String, BigDecimal[]> doubled = byDay(pg, redelivered);

            VerificationResult idempotent = verify(rt, DAILY);
            VerificationResult naive = verify(rt, NAIVE);

            assertThat(idempotent.clean()).as("idempotent daily totals after duplicates: %s", idempotent.counts()).isTrue();
            assertThat(naive.clean()).isFalse();
            assertThat(keys(naive, FindingType.MISMATCHED)).extracting(k -> k.get("day").toString())
                    .containsExactlyInAnyOrderElementsOf(doubled.keySet());
            assertThat(naive.counts().missing() + naive.counts().extra()).isZero();
            assertThat(naive.findings(FindingType.MISMATCHED)).allSatisfy(f -> assertThat(f.differingFields()).contains("transfer_count"));
            Map<String, BigDecimal[]> after = totals(rt, NAIVE);
            for (Map.Entry<String, BigDecimal[]> day : after.entrySet()) {
                BigDecimal[] was = before.get(day.getKey());
                BigDecimal[] extra = doubled.getOrDefault(day.getKey(), new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                assertThat(day.getValue()[0]).as("count of %s", day.getKey()).isEqualByComparingTo(was[0].add(extra[0]));
                assertThat(day.getValue()[1]).as("sum of %s", day.getKey()).isEqualByComparingTo(was[1].add(extra[1]));
            }
            assertThat(after.keySet()).isEqualTo(before.keySet());
        }
    }

    @Test
    void droppedEventsLeaveExactlyTheirKeysWrongUntilARebuildHealsTheStore() throws Exception {
        Pipeline pipeline = DemoPipelineSupport.demo(dataDir);
        try (LivePipeline rt = LivePipeline.start(pipeline, LivePipeline.Options.demo(22), ProgressListener.NONE);
             Connection pg = rt.recordDataSource().orElseThrow().getConnection()) {
            LivePipelineIT.awaitCaughtUp(rt);
            FlowConsumer cache = rt.consumer(CACHE).orElseThrow();
            long existing;
            try (ResultSet rs = pg.createStatement().executeQuery("SELECT min(id) FROM customers")) {
                rs.next();
                existing = rs.getLong(1);
            }

            CompletableFuture<DeliveryFault> dropping = cache.drop(4);
            List<Long> created = List.of(9_000_001L, 9_000_002L, 9_000_003L);
            for (long id : created) {
                insertCustomer(pg, id);
            }
            try (PreparedStatement ps = pg.prepareStatement("UPDATE customers SET name = 'Renamed While Dropped', updated_at = now() WHERE id = ?")) {
                ps.setLong(1, existing);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            DeliveryFault dropped = done(dropping);
            LivePipelineIT.awaitCaughtUp(rt);

            assertThat(dropped.positions()).hasSize(4);
            assertThat(dropped.events()).extracting(ChangeEvent::op).containsExactly(ChangeOp.CREATE, ChangeOp.CREATE, ChangeOp.CREATE, ChangeOp.UPDATE);
            assertThat(dropped.events()).extracting(e -> e.key().get("id")).containsExactly(9_000_001L, 9_000_002L, 9_000_003L, existing);
            VerificationResult gap = verify(rt, CACHE);
            assertThat(keys(gap, FindingType.MISSING)).extracting(k -> ((Number) k.get("id")).longValue()).containsExactlyInAnyOrderElementsOf(created);
            assertThat(keys(gap, FindingType.MISMATCHED)).extracting(k -> ((Number) k.get("id")).longValue()).containsExactly(existing);
            assertThat(gap.findings(FindingType.MISMATCHED).get(0).differingFields()).containsExactly("name");
            assertThat(gap.counts().extra()).isZero();
            assertThat(verify(rt, DatasetRef.parse("search.customers")).clean()).as("the other consumer of the topic dropped nothing").isTrue();

            RebuildRunner.Outcome healed = new RebuildRunner(rt, VerifyOptions.defaults(), 0)
                    .rebuild(CACHE, new Cancellation(), ProgressListener.NONE, ProgressListener.NONE, f -> { });

            assertThat(healed.swapped()).as("rebuild swapped in: %s", healed.verification().counts()).isTrue();
            VerificationResult after = verify(rt, CACHE);
            assertThat(after.clean()).as("after the rebuild: %s", after.counts()).isTrue();
            assertThat(after.sourceCount()).isEqualTo(after.targetCount());
        }
    }

    private static void insertCustomer(Connection pg, long id) throws SQLException {
        try (PreparedStatement ps = pg.prepareStatement(
                "INSERT INTO customers (id, name, email, phone, country, created_at, updated_at) VALUES (?,?,?,?,?,?,?)")) {
            Timestamp now = Timestamp.from(Instant.now());
            ps.setLong(1, id);
            ps.setString(2, "Dropped " + id);
            ps.setString(3, "dropped" + id + "@example.com");
            ps.setString(4, "+49 30 " + id);
            ps.setString(5, "DE");
            ps.setTimestamp(6, now);
            ps.setTimestamp(7, now);
            ps.executeUpdate();
        }
    }
}
