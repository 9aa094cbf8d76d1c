package io.headwater.app.runtime;

import io.headwater.connectors.bench.BenchLoader;
import io.headwater.connectors.bench.BenchTable;
import io.headwater.connectors.debezium.DebeziumJsonDecoder;
import io.headwater.connectors.h2.H2AnalyticsSink;
import io.headwater.connectors.kafka.EmbeddedKafkaBroker;
import io.headwater.connectors.kafka.KafkaEventLog;
import io.headwater.connectors.lucene.LuceneSink;
import io.headwater.connectors.mvstore.MvStoreSink;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Row;
import io.headwater.engine.rebuild.ShadowReplay;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.LogReader;
import io.headwater.engine.spi.ProgressListener;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench rebuild}: a CDC-shaped topic of N change events on the embedded broker, timed in one
 * run as a raw consume (records read, nothing done) and as a rebuild into a fresh store (decode,
 * map, apply, commit with checkpoint).
 */
public final class RebuildBench {
    /** What one run measured. */
    public record Figures(String store, long events, double consumeSeconds, double rebuildSeconds, long storeCount) {
        public double consumeRate() {
            return events / consumeSeconds;
        }

        public double rebuildRate() {
            return events / rebuildSeconds;
        }
    }

    private static final String TOPIC = "bench.public.items";
    private final Path dir;
    private final PrintWriter err;
    private final SearchBenchIndex search;

    public RebuildBench(Path dir, PrintWriter err) {
        this(dir, err, null);
    }

    /** A bench that can also rebuild into the OpenSearch node at {@code searchAddress} ({@code host:port}; null for none). */
    public RebuildBench(Path dir, PrintWriter err, String searchAddress) {
        this.dir = dir;
        this.err = err;
        this.search = searchAddress == null ? null : new SearchBenchIndex(searchAddress);
    }

    public Figures run(String store, long events) {
        Dataset log = BenchTable.dataset("kafka", TOPIC);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
             KafkaEventLog eventLog = new KafkaEventLog("kafka", broker.bootstrapServers(), Duration.ofSeconds(30))) {
            long t = System.nanoTime();
            produce(eventLog, events);
            err.printf("produced %,d change events in %.1f s%n", events, secs(t));

            t = System.nanoTime();
            long read = 0;
            try (LogReader reader = eventLog.openReader(TOPIC, Checkpoint.EMPTY)) {
                while (read < events) {
                    read += reader.poll(Duration.ofMillis(500)).size();
                }
            }
            double consume = secs(t);
            err.printf("raw consume: %,d records in %.2f s%n", read, consume);

            Dataset target = store.equals("opensearch") && search != null ? search.dataset("items") : BenchTable.dataset("store", "ITEMS");
            Flow flow = BenchLoader.identity(target);
            t = System.nanoTime();
            long count;
            try (DerivedSink sink = open(store, target, flow)) {
                new ShadowReplay(flow, log, eventLog, new DebeziumJsonDecoder(), 0).catchUp(sink, new Cancellation(), ProgressListener.NONE);
                count = sink.count();
            }
            double rebuild = secs(t);
            err.printf("rebuild into %s: %,d records in %.2f s%n", store, count, rebuild);
            return new Figures(store, events, consume, rebuild, count);
        } finally {
            if (search != null) {
                search.dropAll();
            }
        }
    }

    private DerivedSink open(String store, Dataset target, Flow flow) {
        return switch (store) {
            case "lucene" -> LuceneSink.open(dir.resolve("lucene/items"), target, flow);
            case "mvstore" -> MvStoreSink.open(dir.resolve("mvstore/store.mv.db"), target, flow);
            case "h2" -> H2AnalyticsSink.open("jdbc:h2:file:" + dir.resolve("h2/bench").toAbsolutePath(), target, flow);
            case "opensearch" -> {
                if (search == null) {
                    throw new HeadwaterException("--store opensearch needs --address host:port of a running OpenSearch node to rebuild into");
                }
                yield search.sink(target);
            }
            default -> throw new HeadwaterException("--store '" + store + "' is not a store: use lucene, h2, mvstore or opensearch");
        };
    }

    private static void produce(KafkaEventLog log, long events) {
        List<KafkaEventLog.Entry> batch = new ArrayList<>(10_000);
        for (long id = 1; id <= events; id++) {
            batch.add(new KafkaEventLog.Entry(("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8), envelope(BenchTable.row(id), id)));
            if (batch.size() == 10_000) {
                log.produceAll(TOPIC, batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            log.produceAll(TOPIC, batch);
        }
    }

    private static byte[] envelope(Row r, long lsn) {
        String after = "{\"id\":" + r.get("id") + ",\"name\":\"" + r.get("name") + "\",\"email\":\"" + r.get("email") + "\",\"amount\":\""
                + ((java.math.BigDecimal) r.get("amount")).toPlainString() + "\",\"created\":\"" + r.get("created") + "\"}";
        return ("{\"before\":null,\"after\":" + after + ",\"op\":\"c\",\"source\":{\"ts_ms\":" + System.currentTimeMillis()
                + ",\"lsn\":" + lsn + ",\"schema\":\"public\",\"table\":\"items\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
