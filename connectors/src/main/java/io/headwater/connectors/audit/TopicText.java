package io.headwater.connectors.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.EventLog;
import io.headwater.engine.spi.LogReader;
import io.headwater.engine.spi.LogRecord;
import io.headwater.engine.spi.PartitionRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a topic from its beginning to its end as it was when the read started (at most
 * {@code limit} records), handing each record on; and extracts the text values of a JSON record,
 * which is what a thief of the log's files would read.
 */
final class TopicText {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long TIMEOUT_NANOS = Duration.ofSeconds(60).toNanos();

    private TopicText() {
    }

    /** Reads records up to the current end (or {@code limit}); returns how many were read. */
    static long read(EventLog log, String topic, long limit, Consumer<LogRecord> each) {
        if (!log.exists(topic)) {
            return 0;
        }
        Map<PartitionRef, Long> end = log.endOffsets(topic);
        Map<PartitionRef, Long> begin = log.beginOffsets(topic);
        long remaining = end.entrySet().stream().mapToLong(e -> e.getValue() - begin.getOrDefault(e.getKey(), 0L)).sum();
        long read = 0;
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        try (LogReader reader = log.openReader(topic, Checkpoint.EMPTY)) {
            while (read < Math.min(limit, remaining) && System.nanoTime() < deadline) {
                for (LogRecord r : reader.poll(POLL)) {
                    if (r.position().offset() < end.getOrDefault(r.position().partition(), 0L) && read < limit) {
                        each.accept(r);
                        read++;
                    }
                }
            }
        }
        return read;
    }

    /** Every string value inside a JSON record value (field names and numbers left out); the raw text when it is not JSON. */
    static void strings(byte[] value, Consumer<String> each) {
        if (value == null) {
            return;
        }
        try {
            walk(JSON.readTree(value), each);
        } catch (IOException e) {
            each.accept(new String(value, StandardCharsets.UTF_8));
        }
    }

    private static void walk(JsonNode node, Consumer<String> each) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            each.accept(node.asText());
        } else if (node.isContainerNode()) {
            node.forEach(child -> walk(child, each));
        }
    }
}
