package io.headwater.engine.spi;

import java.util.Optional;

/**
 * The retention-relevant configuration of one topic.
 *
 * @param retentionMs   {@code retention.ms}; -1 means forever
 * @param cleanupPolicy {@code delete}, {@code compact} or both
 * @param partitions    the number of partitions
 */
public record TopicSettings(String topic, long retentionMs, String cleanupPolicy, int partitions) {
    public Optional<java.time.Duration> retention() {
        return retentionMs < 0 ? Optional.empty() : Optional.of(java.time.Duration.ofMillis(retentionMs));
    }
}
