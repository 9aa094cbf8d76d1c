package io.headwater.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headwater.app.runtime.ChangeLogSource;
import io.headwater.app.runtime.LivePipeline;
import io.headwater.app.runtime.FaultInjector;
import io.headwater.app.runtime.FlowVerification;
import io.headwater.app.runtime.RebuildRunner;
import io.headwater.connectors.demo.LedgerWriter;
import io.headwater.connectors.kafka.KafkaEventLog;
import io.headwater.engine.faults.Fault;
import io.headwater.engine.faults.InjectedFault;
import io.headwater.engine.integrity.Finding;
import io.headwater.engine.integrity.FindingType;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Row;
import io.headwater.engine.rebuild.MappingDryRun;
import io.headwater.engine.replay.AsOf;
import io.headwater.engine.replay.HistoryEntry;
import io.headwater.engine.replay.Materialized;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.LogReader;
import io.headwater.engine.spi.LogRecord;
import io.headwater.engine.spi.ProgressListener;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event sourcing on the real demo pipeline: the ledger topic is the system of record, and the
 * account balances derived from it are checked against sums computed independently from the raw
 * JSON events — live, after a rebuild, and as of several offsets and an instant; verification finds
 * damage; the dry run lists events the mapping cannot read.
 */
class LedgerIT {
    private static final DatasetRef LEDGER = DatasetRef.parse("ledger.postings");
    private static final DatasetRef BALANCES = DatasetRef.parse("analytics.ledger_balances");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    /** One raw event, read with plain Jackson: no Headwater decoder, no mapping. */
    private record RawEvent(long offset, long account, BigDecimal amount, Instant at) {
    }

    /** Balances per account ("postings|balance") folded from raw events. */
    private static Map<Long, String> fold(List<RawEvent> events) {
        Map<Long, long[]> counts = new TreeMap<>();
        Map<Long, BigDecimal> sums = new TreeMap<>();
        for (RawEvent e : events) {
            counts.computeIfAbsent(e.account(), a -> new long[1])[0]++;
            sums.merge(e.account(), e.amount(), BigDecimal::add);
        }
        Map<Long, String> out = new TreeMap<>();
        counts.forEach((a, n) -> out.put(a, n[0] + "|" + sums.get(a).stripTrailingZeros().toPlainString()));
        return out;
    }

    private static Map<Long, String> rows(List<Row> rows) {
        Map<Long, String> out = new TreeMap<>();
        for (Row r : rows) {
            out.put(((Number) r.get("account_id")).longValue(),
                    ((Number) r.get("postings")).longValue() + "|" + ((BigDecimal) r.get("balance")).stripTrailingZeros().toPlainString());
        }
        return out;
    }

    private static Map<Long, String> live(LivePipeline rt) {
        List<Row> rows = new ArrayList<>();
        try (DatasetReader reader = rt.reader(BALANCES)) {
            reader.scan(rows::add);
        }
        return rows(rows);
    }

    private static List<RawEvent> rawEvents(KafkaEventLog log, String topic) throws Exception {
        long end = log.endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
        List<RawEvent> out = new ArrayList<>();
        try (LogReader reader = log.openReader(topic, Checkpoint.EMPTY)) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (out.size() < end && System.currentTimeMillis() < deadline) {
                for (LogRecord r : reader.poll(Duration.ofMillis(200))) {
                    JsonNode e = JSON.readTree(new String(r.value(), StandardCharsets.UTF_8));
                    out.add(new RawEvent(r.position().offset(), e.get("account_id").asLong(), new BigDecimal(e.get("amount").asText()),
                            Instant.parse(e.get("at").asText())));
                }
            }
        }
        assertThat(out).as("every event of %s read", topic).hasSize((int) end);
        return out;
    }

    private static VerificationResult verify(LivePipeline rt, List<Finding> findings) {
        Flow flow = rt.consumer(BALANCES).orElseThrow().flow();
        return new FlowVerification(rt, VerifyOptions.defaults()).verify(flow, new Cancellation(), ProgressListener.NONE, findings::add);
    }

    @Test
    void balancesDerivedFromTheLedgerEqualTheSumsOfItsEventsLiveAfterARebuildAndAsOfEarlierPoints() throws Exception {
        Pipeline pipeline = DemoPipelineSupport.demo(dataDir);
        try (LivePipeline rt = LivePipeline.start(pipeline, LivePipeline.Options.demo(5), ProgressListener.NONE)) {
            Dataset ledger = pipeline.requireDataset(LEDGER);
            new LedgerWriter(rt.eventLog(), ledger, 5).seed(250); // more postings, stamped over the last 30 days too
            LivePipelineIT.awaitCaughtUp(rt);
            List<RawEvent> events = rawEvents(rt.eventLog(), ledger.physicalName());
            assertThat(events).hasSize(LedgerWriter.DEMO_HISTORY + 250);

            // live: the derived balances are the sums of the events, and verification agrees
            assertThat(live(rt)).isEqualTo(fold(events));
            List<Finding> none = new ArrayList<>();
            assertThat(verify(rt, none).clean()).as("%s", none).isTrue();

            // damage found, by key and field
            List<InjectedFault> damaged = FaultInjector.damage(rt.consumer(BALANCES).orElseThrow().sink(), Fault.CORRUPT, 3, 11);
            List<Finding> findings = new ArrayList<>();
            VerificationResult corrupt = verify(rt, findings);
            assertThat(corrupt.clean()).isFalse();
            assertThat(findings).allMatch(f -> f.type() == FindingType.MISMATCHED);
            assertThat(findings.stream().map(Finding::key).collect(Collectors.toSet()))
                    .isEqualTo(damaged.stream().map(InjectedFault::key).collect(Collectors.toSet()));

            // rebuilt from the events alone: clean, swapped, equal to the independent sums again
            RebuildRunner.Outcome rebuilt = new RebuildRunner(rt, VerifyOptions.defaults(), 0).rebuild(BALANCES, new Cancellation(),
                    ProgressListener.NONE, ProgressListener.NONE, f -> { });
            assertThat(rebuilt.swapped()).isTrue();
            assertThat(rebuilt.replay().recordsRead()).isEqualTo(events.size());
            assertThat(live(rt)).isEqualTo(fold(events));

            // time travel: as of several offsets and an instant, equal to the fold of the events up to there
            ChangeLogSource source = ChangeLogSource.of(pipeline, pipeline.requireDataset(BALANCES)).orElseThrow();
            for (long offset : new long[] {0, 1, 700, 2_000, events.size()}) {
                Materialized m = source.materialize(rt.eventLog(), rt.decoder(), AsOf.offset(offset), new Cancellation(), ProgressListener.NONE);
                assertThat(rows(m.rows())).as("as of offset %d", offset)
                        .isEqualTo(fold(events.stream().filter(e -> e.offset() < offset).toList()));
            }
            Instant tenDaysAgo = Instant.now().minus(Duration.ofDays(10));
            Materialized then = source.materialize(rt.eventLog(), rt.decoder(), AsOf.instant(tenDaysAgo), new Cancellation(), ProgressListener.NONE);
            assertThat(rows(then.rows())).isEqualTo(fold(events.stream().filter(e -> !e.at().isAfter(tenDaysAgo)).toList()));

            // one account's history: every posting to it, oldest first
            List<HistoryEntry> history = source.history(rt.eventLog(), rt.decoder(), Row.of("account_id", 7L), new Cancellation(), ProgressListener.NONE);
            assertThat(history).extracting(h -> h.position().offset())
                    .containsExactlyElementsOf(events.stream().filter(e -> e.account() == 7).map(RawEvent::offset).toList());
        }
    }

    @Test
    void dryRunListsTheEventsTheCurrentMappingCannotReadByOffset() throws Exception {
        Pipeline pipeline = DemoPipelineSupport.demo(dataDir);
        try (LivePipeline rt = LivePipeline.start(pipeline, LivePipeline.Options.demo(6), ProgressListener.NONE)) {
            // a second version of the ledger's events: the amount became integer cents under a new name, the account an IBAN
            Dataset evolved = new Dataset(LEDGER, "demo.ledger.v2", pipeline.requireDataset(LEDGER).key(),
                    pipeline.requireDataset(LEDGER).fields(), "at");
            String good = "{\"event_id\":\"%s\",\"account_id\":3,\"kind\":\"deposit\",\"amount\":\"12.50\",\"at\":\"2026-11-01T10:00:00Z\"}";
            String v2 = "{\"event_id\":\"%s\",\"account_id\":\"DE44500105175407324931\",\"kind\":\"deposit\",\"amount_cents\":1250,\"at\":\"2026-11-01T10:00:00Z\"}";
            String renamed = "{\"event_id\":\"%s\",\"account_id\":3,\"kind\":\"deposit\",\"amount_cents\":1250,\"at\":\"2026-11-01T10:00:00Z\"}";
            List<String> values = List.of(good.formatted(java.util.UUID.randomUUID()), good.formatted(java.util.UUID.randomUUID()),
                    v2.formatted(java.util.UUID.randomUUID()), good.formatted(java.util.UUID.randomUUID()), "not json at all",
                    renamed.formatted(java.util.UUID.randomUUID()));
            rt.eventLog().produceAll(evolved.physicalName(), values.stream()
                    .map(v -> new KafkaEventLog.Entry(null, v.getBytes(StandardCharsets.UTF_8))).toList());
            Flow flow = rt.consumer(BALANCES).orElseThrow().flow();

            MappingDryRun.Report report = new MappingDryRun(flow, evolved, rt.eventLog(), rt.decoder()).run(new Cancellation());

            assertThat(report.recordsRead()).isEqualTo(values.size());
            assertThat(report.unreadable()).extracting(u -> u.position().offset()).containsExactly(2L, 4L, 5L);
            assertThat(report.unreadable().get(0).problem()).contains("account_id");
            assertThat(report.unreadable().get(1).problem()).contains("not JSON");
            assertThat(report.unreadable().get(2).problem()).contains("has no 'amount'");
        }
    }
}
