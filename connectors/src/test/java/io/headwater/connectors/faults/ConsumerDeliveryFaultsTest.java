package io.headwater.connectors.faults;

import static io.headwater.connectors.mvstore.SinkFixtures.customer;
import static io.headwater.connectors.mvstore.SinkFixtures.customers;
import static io.headwater.connectors.mvstore.SinkFixtures.customersFlow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.connectors.mvstore.MvStoreSink;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.faults.DeliveryFault;
import io.headwater.engine.faults.Fault;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import io.headwater.engine.pipeline.FlowConsumer;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.ChangeOp;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.LogPosition;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The consumer re-delivers and drops log records on request, and says exactly which, into a real MVStore. */
class ConsumerDeliveryFaultsTest {
    private static final String TOPIC = "demo.public.customers";
    private static final Dataset LOG = new Dataset(new DatasetRef("kafka", "customers"), TOPIC, List.of("id"),
            List.of(new Field("id", FieldType.INTEGER), new Field("name", FieldType.STRING), new Field("email", FieldType.STRING)), null);

    @TempDir
    Path dir;

    private final ListEventLog log = new ListEventLog(TOPIC);
    private MvStoreSink sink;
    private FlowConsumer consumer;

    @BeforeEach
    void openSink() {
        sink = MvStoreSink.open(dir.resolve("cache.mv.db"), customers("customers"), customersFlow());
    }

    @AfterEach
    void stop() {
        if (consumer != null) {
            consumer.close();
        }
        sink.close();
    }

    private void startConsumer() {
        consumer = new FlowConsumer(customersFlow(), LOG, log, log.decoder(), sink, Clock.systemUTC());
        Thread t = new Thread(consumer, "headwater-test-consume");
        t.setDaemon(true);
        t.start();
    }

    private LogPosition create(long id) {
        return log.append(ChangeOp.CREATE, Row.of("id", id), null, customer(id, "Name " + id, "N" + id + "@Example.com"));
    }

    private void awaitCaughtUp() throws InterruptedException {
        await(() -> consumer.lag() == 0);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("waited too long").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private Map<Object, Row> content() {
        Map<Object, Row> out = new TreeMap<>();
        try (DatasetReader reader = sink.reader()) {
            reader.scan(r -> out.put(r.get("customer_id"), r));
        }
        return out;
    }

    private static DeliveryFault done(CompletableFuture<DeliveryFault> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    private static List<Long> offsets(DeliveryFault f) {
        return f.positions().stream().map(LogPosition::offset).toList();
    }

    @Test
    void redeliveryAppliesTheLastRecordsAgainWithTheSameCheckpointAndNamesThem() throws Exception {
        LongStream.rangeClosed(1, 5).forEach(this::create);
        Row before = customer(3, "Name 3", "N3@Example.com");
        log.append(ChangeOp.UPDATE, Row.of("id", 3L), before, customer(3, "Renamed", "N3@Example.com"));
        startConsumer();
        awaitCaughtUp();
        Map<Object, Row> applied = content();
        Checkpoint checkpoint = sink.checkpoint();
        long appliedCount = consumer.applied();

        DeliveryFault f = done(consumer.redeliver(3));

        assertThat(f.fault()).isEqualTo(Fault.DUPLICATE_DELIVERY);
        assertThat(offsets(f)).containsExactly(3L, 4L, 5L);
        assertThat(f.events()).extracting(ChangeEvent::op).containsExactly(ChangeOp.CREATE, ChangeOp.CREATE, ChangeOp.UPDATE);
        assertThat(consumer.applied()).isEqualTo(appliedCount + 3);
        assertThat(sink.checkpoint()).isEqualTo(checkpoint);
        assertThat(content()).as("an idempotent store is unchanged by duplicates").isEqualTo(applied);
        assertThat(content().get(3L).get("name")).isEqualTo("Renamed");
    }

    @Test
    void redeliveryNeverSeeksBeforeThePartitionStart() throws Exception {
        LongStream.rangeClosed(1, 6).forEach(this::create);
        startConsumer();
        awaitCaughtUp();
        log.trimTo(2);

        assertThat(offsets(done(consumer.redeliver(50)))).containsExactly(2L, 3L, 4L, 5L);
    }

    @Test
    void droppedRecordsAreNeverAppliedButTheCheckpointMovesPastThem() throws Exception {
        create(1);
        create(2);
        startConsumer();
        awaitCaughtUp();

        CompletableFuture<DeliveryFault> drop = consumer.drop(2);
        List<LogPosition> skipped = List.of(create(3), create(4));
        create(5);
        DeliveryFault f = done(drop);
        awaitCaughtUp();

        assertThat(f.fault()).isEqualTo(Fault.DROP_EVENT);
        assertThat(f.positions()).isEqualTo(skipped);
        assertThat(f.events()).extracting(e -> e.key().get("id")).containsExactly(3L, 4L);
        assertThat(content().keySet()).containsExactly(1L, 2L, 5L);
        assertThat(sink.checkpoint().next(skipped.get(0).partition())).isEqualTo(5);
    }

    @Test
    void aDropLargerThanOneBatchSpansBatchesInOrder() throws Exception {
        startConsumer();
        CompletableFuture<DeliveryFault> drop = consumer.drop(7);
        List<LogPosition> appended = new ArrayList<>();
        LongStream.rangeClosed(1, 9).forEach(id -> appended.add(create(id)));

        assertThat(done(drop).positions()).isEqualTo(appended.subList(0, 7));
        awaitCaughtUp();
        assertThat(content().keySet()).containsExactly(8L, 9L);
    }

    @Test
    void stoppingFailsAPendingRedeliveryAndReportsAPartialDropAsSuch() throws Exception {
        create(1);
        startConsumer();
        awaitCaughtUp();
        consumer.pause();
        CompletableFuture<DeliveryFault> redelivery = consumer.redeliver(1);
        CompletableFuture<DeliveryFault> drop = consumer.drop(3);

        consumer.close();

        assertThatThrownBy(() -> redelivery.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(HeadwaterException.class).hasMessageContaining("has stopped");
        assertThat(done(drop).positions()).isEmpty();
        assertThat(done(drop).requested()).isEqualTo(3);
        assertThatThrownBy(() -> consumer.redeliver(1).get()).hasCauseInstanceOf(HeadwaterException.class);
    }

    @Test
    void aNonPositiveCountIsRefused() {
        consumer = new FlowConsumer(customersFlow(), LOG, log, log.decoder(), sink, Clock.systemUTC());

        assertThatThrownBy(() -> consumer.redeliver(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> consumer.drop(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
