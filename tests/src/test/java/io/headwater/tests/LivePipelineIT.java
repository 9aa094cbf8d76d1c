package io.headwater.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.app.runtime.LivePipeline;
import io.headwater.connectors.debezium.DebeziumJsonDecoder;
import io.headwater.connectors.demo.DemoDataGenerator;
import io.headwater.connectors.kafka.KafkaEventLog;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.pipeline.FlowConsumer;
import io.headwater.engine.spi.ChangeDecoder;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.LogReader;
import io.headwater.engine.spi.LogRecord;
import io.headwater.engine.spi.ProgressListener;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole demo pipeline on real embedded parts: PostgreSQL, Debezium, an in-process Kafka broker
 * and every derived store, started from an empty data directory, loaded, stopped and restarted.
 */
class LivePipelineIT {
    @TempDir
    Path dataDir;

    @Test
    void changesReachEveryDerivedStoreAndSurviveARestartWithNothingLostOrDoubled() throws Exception {
        Pipeline pipeline = DemoPipelineSupport.demo(dataDir);
        try (LivePipeline rt = LivePipeline.start(pipeline, LivePipeline.Options.demo(7), ProgressListener.NONE)) {
            runOperations(rt, 7, 300);
            awaitCaughtUp(rt);
            PipelineContents.assertDerivedStoresMatchRecord(rt, pipeline);
        }

        try (LivePipeline rt = LivePipeline.start(pipeline, LivePipeline.Options.demo(7), ProgressListener.NONE)) {
            awaitCaughtUp(rt);
            PipelineContents.assertDerivedStoresMatchRecord(rt, pipeline);
            runOperations(rt, 8, 200);
            awaitCaughtUp(rt);
            PipelineContents.assertDerivedStoresMatchRecord(rt, pipeline);
            assertNoChangeEmittedTwice(rt, pipeline);
        }
    }

    private static void runOperations(LivePipeline rt, long seed, int count) throws Exception {
        try (Connection c = rt.recordDataSource().orElseThrow().getConnection()) {
            DemoDataGenerator g = new DemoDataGenerator(c, seed);
            Set<String> kinds = new HashSet<>();
            for (int i = 0; i < count; i++) {
                kinds.add(g.randomOperation());
            }
            assertThat(kinds).contains("transfer", "new customer", "update customer", "delete customer", "new document", "delete document");
        }
    }

    static void awaitCaughtUp(LivePipeline rt) throws InterruptedException {
        long[] last = {-1};
        long[] stableSince = {System.currentTimeMillis()};
        DemoPipelineSupport.await("every derived store to catch up", 90_000, () -> {
            long captured = rt.eventsCaptured();
            if (captured != last[0]) {
                last[0] = captured;
                stableSince[0] = System.currentTimeMillis();
            }
            boolean quiet = System.currentTimeMillis() - stableSince[0] > 1500;
            return quiet && rt.caughtUp() && rt.consumers().stream().allMatch(c -> c.lag() == 0);
        });
        for (FlowConsumer c : rt.consumers()) {
            assertThat(c.failure()).as("consumer of flow %s", c.flow().id()).isEmpty();
        }
        rt.status().forEach(s -> s.datasets().stream().filter(d -> d.lag() >= 0)
                .forEach(d -> assertThat(d.lag()).as("lag of %s", d.ref()).isZero()));
    }

    /** Every change event in every CDC topic has a distinct identity: a restart re-emitted nothing. */
    private static void assertNoChangeEmittedTwice(LivePipeline rt, Pipeline pipeline) {
        String bootstrap = io.headwater.engine.pipeline.DataDirLock.holder(pipeline.dataDir()).orElseThrow().get("kafka.address");
        ChangeDecoder decoder = new DebeziumJsonDecoder();
        try (KafkaEventLog log = new KafkaEventLog("kafka", bootstrap, Duration.ofSeconds(10))) {
            for (Dataset topic : pipeline.system("kafka").orElseThrow().datasets()) {
                Map<String, Integer> seen = new HashMap<>();
                long end = log.endOffsets(topic.physicalName()).values().stream().mapToLong(Long::longValue).sum();
                List<ChangeEvent> events = new ArrayList<>();
                try (LogReader reader = log.openReader(topic.physicalName(), Checkpoint.EMPTY)) {
                    long read = 0;
                    long deadline = System.currentTimeMillis() + 30_000;
                    while (read < end && System.currentTimeMillis() < deadline) {
                        for (LogRecord r : reader.poll(Duration.ofMillis(200))) {
                            read++;
                            decoder.decode(r, topic).ifPresent(events::add);
                        }
                    }
                    assertThat(read).as("records read from %s", topic.physicalName()).isEqualTo(end);
                }
                events.forEach(e -> seen.merge(e.eventId(), 1, Integer::sum));
                assertThat(seen.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList())
                        .as("change events emitted twice into %s", topic.physicalName()).isEmpty();
                assertThat(events).as("events in %s", topic.physicalName()).isNotEmpty();
            }
        }
    }

}
