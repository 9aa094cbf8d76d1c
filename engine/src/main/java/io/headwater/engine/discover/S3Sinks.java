package io.headwater.engine.discover;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Reads Confluent's S3 sink ({@code s3.bucket.name}, {@code topics.dir} default {@code topics},
 * {@code format.class}, {@code flush.size}): a topic's objects are under
 * {@code s3://BUCKET/TOPICS_DIR/TOPIC/}. Headwater has no S3 system, so the sink is listed with
 * where it writes, not verified. Stateless.
 */
final class S3Sinks {
    static final String CONFLUENT = "io.confluent.connect.s3.S3SinkConnector";

    private S3Sinks() {
    }

    static boolean handles(ConnectorSnapshot snapshot) {
        return snapshot.connectorClass().equals(CONFLUENT);
    }

    static ConnectorReading read(ConnectorSnapshot snapshot) {
        SinkBasics b = new SinkBasics(snapshot);
        String bucket = b.config.getOr("s3.bucket.name", "unknown-bucket");
        String dir = b.config.getOr("topics.dir", "topics");
        String format = b.config.getOr("format.class", "unknown format");
        b.unread("s3 bucket " + bucket, "Headwater has no S3 system to attach: objects of each topic under s3://" + bucket + "/"
                + dir + "/<topic>/ (" + format.substring(format.lastIndexOf('.') + 1) + ", " + b.config.getOr("flush.size", "?")
                + " records an object) are not verified");
        SinkStore store = new SinkStore(null, "s3", bucket, null, null, b.hasPassword("aws.secret.access.key"), null);
        UnaryOperator<String> naming = topic -> "s3://" + bucket + "/" + dir + "/" + topic + "/";
        return new SinkReading(snapshot.name(), snapshot.connectorClass(), store, b.topics, b.topicsRegex, b.transforms, naming,
                List.of(), false, false, "append", b.consumerGroup, b.guesses, b.unread);
    }
}
