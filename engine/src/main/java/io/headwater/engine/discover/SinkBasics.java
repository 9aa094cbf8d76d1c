package io.headwater.engine.discover;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What every Kafka Connect sink's configuration says alike: its topics ({@code topics} or
 * {@code topics.regex}), its transforms, its consumer group ({@code connect-<name>} unless
 * {@code consumer.override.group.id}), and the lists its interpreter adds guesses and items not
 * understood to. Not thread-safe: one per reading.
 */
final class SinkBasics {
    final ConnectorSnapshot snapshot;
    final ConnectorConfig config;
    final List<String> topics;
    final String topicsRegex;
    final TopicTransforms transforms;
    final String consumerGroup;
    final List<String> guesses = new ArrayList<>();
    final List<NotUnderstood> unread = new ArrayList<>();

    SinkBasics(ConnectorSnapshot snapshot) {
        this.snapshot = snapshot;
        this.config = new ConnectorConfig(snapshot.name(), snapshot.config());
        this.topics = config.list("topics");
        String regex = config.get("topics.regex").orElse(null);
        if (regex != null) {
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                unread.add(new NotUnderstood(snapshot.name(), "topics.regex '" + regex + "'", "not a regular expression: "
                        + e.getDescription()));
                regex = null;
            }
        }
        this.topicsRegex = regex;
        if (topics.isEmpty() && topicsRegex == null) {
            unread.add(new NotUnderstood(snapshot.name(), "topics", "neither topics nor a valid topics.regex: cannot tell what it reads"));
        }
        this.transforms = TopicTransforms.read(config);
        unread.addAll(transforms.notUnderstood());
        guesses.addAll(transforms.notes());
        this.consumerGroup = config.get("consumer.override.group.id").orElse("connect-" + snapshot.name());
    }

    /** Whether a password is configured under any of {@code keys}. */
    boolean hasPassword(String... keys) {
        return config.get(keys).isPresent();
    }

    void unread(String item, String reason) {
        unread.add(new NotUnderstood(snapshot.name(), item, reason));
    }
}
