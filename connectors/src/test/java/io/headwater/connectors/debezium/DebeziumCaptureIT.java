package io.headwater.connectors.debezium;

import io.headwater.connectors.kafka.EmbeddedKafkaBroker;
import io.headwater.connectors.kafka.KafkaEventLog;
import io.headwater.connectors.postgres.EmbeddedPostgresServer;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import io.headwater.engine.model.Secret;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.ChangeOp;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.LogReader;
import io.headwater.engine.spi.LogRecord;
import io.headwater.engine.spi.PartitionRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class DebeziumCaptureIT {
    private static final String TOPIC = "demo.public.everything";
    private static final PartitionRef P0 = new PartitionRef(TOPIC, 0);
    private static final UUID REF = UUID.fromString("0b7c6a52-6f1e-4d59-9d5e-5c1f0a7d2e11");
    private static final Dataset LOG_DATASET = new Dataset(new DatasetRef("kafka", "everything"), TOPIC, List.of("id"), List.of(
            new Field("id", FieldType.INTEGER),
            new Field("amount", FieldType.DECIMAL),
            new Field("label", FieldType.STRING),
            new Field("happened_at", FieldType.TIMESTAMP),
            new Field("local_ts", FieldType.TIMESTAMP),
            new Field("ref", FieldType.UUID),
            new Field("payload", FieldType.BYTES),
            new Field("day", FieldType.DATE),
            new Field("active", FieldType.BOOLEAN),
            new Field("ratio", FieldType.FLOAT)), null);

    @TempDir
    static Path dir;

    static EmbeddedPostgresServer pg;
    static EmbeddedKafkaBroker broker;
    static KafkaEventLog log;

    @BeforeAll
    static void startServers() throws SQLException {
        pg = EmbeddedPostgresServer.start(dir.resolve("pg"));
        broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        log = new KafkaEventLog("kafka", broker.bootstrapServers());
        sql("CREATE TABLE public.everything (id bigint PRIMARY KEY, amount numeric(14,2), label text, happened_at timestamptz,"
                + " local_ts timestamp, ref uuid, payload bytea, day date, active boolean, ratio double precision)",
                "ALTER TABLE public.everything REPLICA IDENTITY FULL",
                "INSERT INTO public.everything VALUES (1, 10.00, 'before capture', '2024-01-01 00:00:00+00', '2024-01-01 00:00:00',"
                        + " NULL, NULL, '2024-01-01', false, 1.5)");
    }

    @AfterAll
    static void stopServers() {
        if (log != null) {
            log.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void capturesEveryChangeOnceAcrossARestart() throws Exception {
        Path offsets = dir.resolve("capture");
        DebeziumJsonDecoder decoder = new DebeziumJsonDecoder();
        RunningCapture first = RunningCapture.start(offsets);
        try {
            await("snapshot done and streaming", first.capture::isStreaming);
            await("snapshot row in the topic", () -> end() >= 1);

            long committed = System.nanoTime();
            sql("INSERT INTO public.everything VALUES (2, 1234.50, 'grüße', '2024-05-06 07:08:09.123456+00',"
                    + " '2024-05-06 07:08:09.654321', '" + REF + "', '\\x000102ff'::bytea, '2024-02-29', true, 0.25)");
            await("insert in the topic", () -> end() >= 2);
            System.out.printf("commit-to-topic latency %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - committed));
            sql("UPDATE public.everything SET amount = 99.9, label = 'changed', active = false WHERE id = 2",
                    "DELETE FROM public.everything WHERE id = 1");
            await("update, delete and tombstone in the topic", () -> end() >= 5);
            await("four events counted", () -> first.capture.eventsCaptured() == 4);
        } finally {
            first.stop();
        }
        assertThat(Files.exists(offsets.resolve(DebeziumCapture.OFFSETS_FILE))).isTrue();

        List<LogRecord> records = read(5);
        List<ChangeEvent> events = records.stream().map(r -> decoder.decode(r, LOG_DATASET)).flatMap(Optional::stream).toList();
        assertThat(events).extracting(ChangeEvent::op)
                .containsExactly(ChangeOp.SNAPSHOT, ChangeOp.CREATE, ChangeOp.UPDATE, ChangeOp.DELETE);
        assertThat(decoder.decode(records.get(4), LOG_DATASET)).isEmpty(); // the delete's tombstone

        ChangeEvent snapshot = events.get(0);
        assertThat(snapshot.key()).isEqualTo(Row.of("id", 1L));
        assertThat(snapshot.before()).isNull();
        assertThat(snapshot.after().get("amount")).isEqualTo(new BigDecimal("10.00"));
        assertThat(snapshot.after().get("ref")).isNull();

        ChangeEvent insert = events.get(1);
        assertThat(insert.key()).isEqualTo(Row.of("id", 2L));
        assertThat(insert.before()).isNull();
        Row after = insert.after();
        assertThat(after.get("id")).isEqualTo(2L);
        assertThat(after.get("amount")).isEqualTo(new BigDecimal("1234.50"));
        assertThat(((BigDecimal) after.get("amount")).scale()).isEqualTo(2);
        assertThat(after.get("label")).isEqualTo("grüße");
        assertThat(after.get("happened_at")).isEqualTo(Instant.parse("2024-05-06T07:08:09.123456Z"));
        assertThat(after.get("local_ts")).isEqualTo(Instant.parse("2024-05-06T07:08:09.654321Z"));
        assertThat(after.get("ref")).isEqualTo(REF);
        assertThat((byte[]) after.get("payload")).containsExactly(0, 1, 2, 0xff);
        assertThat(after.get("day")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(after.get("active")).isEqualTo(true);
        assertThat(after.get("ratio")).isEqualTo(0.25);
        assertThat(insert.committedAt()).isBetween(Instant.now().minusSeconds(120), Instant.now());
        assertThat(insert.eventId()).endsWith(":public.everything:{\"id\":2}");
        assertThat(insert.position()).isEqualTo(records.get(1).position());

        ChangeEvent update = events.get(2);
        assertThat(update.before()).isEqualTo(after);
        assertThat(update.after().get("amount")).isEqualTo(new BigDecimal("99.90"));
        assertThat(update.after().get("label")).isEqualTo("changed");
        assertThat(update.after().get("active")).isEqualTo(false);
        assertThat(update.after().get("happened_at")).isEqualTo(after.get("happened_at"));

        ChangeEvent delete = events.get(3);
        assertThat(delete.key()).isEqualTo(Row.of("id", 1L));
        assertThat(delete.after()).isNull();
        assertThat(delete.before()).isEqualTo(snapshot.after());

        // changes made while the capture is stopped arrive once after the restart; nothing is re-emitted
        sql("INSERT INTO public.everything (id, label) VALUES (3, 'while stopped')",
                "UPDATE public.everything SET label = 'again' WHERE id = 2",
                "INSERT INTO public.everything (id, label, amount) VALUES (4, 'also stopped', 0.10)");
        RunningCapture second = RunningCapture.start(offsets);
        try {
            await("the three changes made while stopped", () -> end() >= 8);
            await("streaming again", second.capture::isStreaming);
            Thread.sleep(1500); // room for a re-emission to show up
        } finally {
            second.stop();
        }
        assertThat(end()).isEqualTo(8);
        List<ChangeEvent> all = read(8).stream().map(r -> decoder.decode(r, LOG_DATASET)).flatMap(Optional::stream).toList();
        assertThat(all).hasSize(7);
        assertThat(all.subList(4, 7)).extracting(ChangeEvent::op).containsExactly(ChangeOp.CREATE, ChangeOp.UPDATE, ChangeOp.CREATE);
        assertThat(all.subList(4, 7)).extracting(e -> e.image().get("label")).containsExactly("while stopped", "again", "also stopped");
        assertThat(all.get(6).image().get("amount")).isEqualTo(new BigDecimal("0.10"));
        assertThat(new HashSet<>(all.stream().map(ChangeEvent::eventId).toList())).hasSize(7);
        assertThat(second.capture.eventsCaptured()).isEqualTo(3);
    }

    @Test
    void failsWithTheSourceAddressWhenPostgresIsUnreachable() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        DebeziumCapture capture = new DebeziumCapture(
                new SourceDatabase("pg", "127.0.0.1", closedPort, "postgres", "postgres", Secret.literal("x")),
                List.of(new CaptureRoute("public.everything", "unused.topic")), log, dir.resolve("unreachable"), "unreachable");
        long t0 = System.nanoTime();
        org.assertj.core.api.Assertions.assertThatThrownBy(capture::run)
                .isInstanceOf(io.headwater.engine.ConnectionException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .satisfies(e -> System.out.println("unreachable source: " + e));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
        capture.close();
    }

    /** A capture running on its own named thread. */
    private record RunningCapture(DebeziumCapture capture, Thread thread) {
        static RunningCapture start(Path offsets) {
            DebeziumCapture c = new DebeziumCapture(
                    new SourceDatabase("pg", pg.host(), pg.port(), pg.database(), pg.user(), Secret.literal(pg.password())),
                    List.of(new CaptureRoute("public.everything", TOPIC)), log, offsets, "demo");
            Thread t = new Thread(c, "headwater-test-capture");
            t.start();
            return new RunningCapture(c, t);
        }

        void stop() throws InterruptedException {
            long t0 = System.nanoTime();
            capture.close();
            thread.join(TimeUnit.SECONDS.toMillis(15));
            System.out.printf("capture stopped in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            assertThat(thread.isAlive()).isFalse();
            assertThat(capture.failure()).isEmpty();
        }
    }

    private static long end() {
        return log.endOffsets(TOPIC).getOrDefault(P0, 0L);
    }

    private static List<LogRecord> read(int expected) {
        List<LogRecord> out = new ArrayList<>();
        try (LogReader reader = log.openReader(TOPIC, new Checkpoint(Map.of(P0, 0L)))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (out.size() < expected && System.nanoTime() < deadline) {
                out.addAll(reader.poll(Duration.ofMillis(200)));
            }
        }
        assertThat(out).hasSize(expected);
        return out;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static void sql(String... statements) throws SQLException {
        try (var c = pg.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }
}
