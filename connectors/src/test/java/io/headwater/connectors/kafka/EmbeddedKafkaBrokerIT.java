package io.headwater.connectors.kafka;

import io.headwater.connectors.embedded.PortFile;
import io.headwater.engine.ConnectionException;
import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.LogPosition;
import io.headwater.engine.spi.LogReader;
import io.headwater.engine.spi.LogRecord;
import io.headwater.engine.spi.PartitionRef;
import io.headwater.engine.spi.TopicSettings;
import io.headwater.engine.status.SystemStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedKafkaBrokerIT {
    private static final String TOPIC = "demo.public.things";
    private static final PartitionRef P0 = new PartitionRef(TOPIC, 0);

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T c) {
        toClose.add(c);
        return c;
    }

    @Test
    void producesReadsAndKeepsRecordsAcrossRestart() throws Exception {
        Path systemDir = dir.resolve("kafka");
        long t0 = System.nanoTime();
        EmbeddedKafkaBroker broker = closeLater(EmbeddedKafkaBroker.start(systemDir));
        System.out.printf("broker start (format) %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        int port = broker.port();
        KafkaEventLog log = closeLater(new KafkaEventLog("kafka", broker.bootstrapServers()));

        assertThat(log.exists(TOPIC)).isFalse();
        assertThat(log.endOffsets(TOPIC)).isEmpty();
        for (int i = 0; i < 5; i++) {
            LogPosition pos = log.produce(TOPIC, bytes("k" + i), bytes("v" + i));
            assertThat(pos).isEqualTo(new LogPosition(P0, i));
        }
        log.produce(TOPIC, bytes("k0"), null); // a tombstone
        assertThat(log.exists(TOPIC)).isTrue();
        assertThat(log.partitions(TOPIC)).containsExactly(P0);
        assertThat(log.beginOffsets(TOPIC)).isEqualTo(Map.of(P0, 0L));
        assertThat(log.endOffsets(TOPIC)).isEqualTo(Map.of(P0, 6L));

        List<LogRecord> all = readAll(log, Checkpoint.EMPTY, 6);
        assertThat(all).extracting(r -> r.position().offset()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(new String(all.get(3).key(), StandardCharsets.UTF_8)).isEqualTo("k3");
        assertThat(new String(all.get(3).value(), StandardCharsets.UTF_8)).isEqualTo("v3");
        assertThat(all.get(5).value()).isNull();

        List<LogRecord> tail = readAll(log, new Checkpoint(Map.of(P0, 4L)), 2);
        assertThat(tail).extracting(r -> r.position().offset()).containsExactly(4L, 5L);

        TopicSettings settings = log.topicSettings(TOPIC);
        assertThat(settings.cleanupPolicy()).isEqualTo("delete");
        assertThat(settings.partitions()).isEqualTo(1);
        assertThat(settings.retentionMs()).isEqualTo(-1);

        SystemSpec spec = new SystemSpec("kafka", SystemKind.KAFKA, Role.LOG, true, Connection.NONE, List.of(
                new Dataset(new DatasetRef("kafka", "things"), TOPIC, List.of(), List.of(), null),
                new Dataset(new DatasetRef("kafka", "none"), "not.yet", List.of(), List.of(), null)));
        SystemStatus status = new KafkaMonitor(spec, log).status();
        assertThat(status.reachable()).isTrue();
        assertThat(status.datasets()).extracting(d -> d.size()).containsExactly(6L, 0L);

        log.close();
        broker.close();
        t0 = System.nanoTime();
        EmbeddedKafkaBroker again = closeLater(EmbeddedKafkaBroker.start(systemDir));
        System.out.printf("broker restart %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        assertThat(again.port()).isEqualTo(port);
        assertThat(Files.readString(systemDir.resolve(PortFile.FILE_NAME))).contains("broker.port=" + port);
        KafkaEventLog log2 = closeLater(new KafkaEventLog("kafka", again.bootstrapServers()));
        assertThat(log2.endOffsets(TOPIC)).isEqualTo(Map.of(P0, 6L));
        assertThat(readAll(log2, new Checkpoint(Map.of(P0, 2L)), 4)).extracting(r -> r.position().offset())
                .containsExactly(2L, 3L, 4L, 5L);
        assertThat(log2.produce(TOPIC, bytes("k9"), bytes("v9")).offset()).isEqualTo(6L);
    }

    @Test
    void unreachableBrokerFailsWithTheAddressWithinTheTimeout() {
        int closedPort = PortFile.freePort();
        String address = "127.0.0.1:" + closedPort;
        KafkaEventLog log = closeLater(new KafkaEventLog("kafka", address, Duration.ofSeconds(2)));
        SystemSpec spec = new SystemSpec("kafka", SystemKind.KAFKA, Role.LOG, false, Connection.NONE, List.of());

        long t0 = System.nanoTime();
        assertThatThrownBy(() -> log.endOffsets(TOPIC))
                .isInstanceOf(ConnectionException.class)
                .hasMessageContaining("'kafka'")
                .hasMessageContaining(address);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(8));

        t0 = System.nanoTime();
        assertThatThrownBy(() -> log.produce(TOPIC, bytes("k"), bytes("v")))
                .isInstanceOf(ConnectionException.class)
                .hasMessageContaining(address);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(8));

        SystemStatus status = new KafkaMonitor(spec, log).status();
        assertThat(status.reachable()).isFalse();
        assertThat(status.message()).contains(address);
    }

    private static List<LogRecord> readAll(KafkaEventLog log, Checkpoint from, int expected) {
        List<LogRecord> out = new ArrayList<>();
        try (LogReader reader = log.openReader(TOPIC, from)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (out.size() < expected && System.nanoTime() < deadline) {
                out.addAll(reader.poll(Duration.ofMillis(200)));
            }
            assertThat(reader.poll(Duration.ofMillis(200))).isEmpty();
        }
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
