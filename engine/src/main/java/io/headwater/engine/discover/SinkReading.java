package io.headwater.engine.discover;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A sink connector (a JDBC sink, an Elasticsearch or OpenSearch sink, a Redis sink, an S3 sink) as its
 * configuration describes it. Immutable.
 *
 * @param connector      the connector's name
 * @param connectorClass its {@code connector.class}
 * @param store          where it writes
 * @param topics         the topics it names ({@code topics})
 * @param topicsRegex    the pattern of topics it consumes ({@code topics.regex}), or null
 * @param transforms     what its transforms do to topic names before it names its targets
 * @param naming         the target's name for a (renamed) topic: a table, an index, a key prefix, an object prefix
 * @param keyFields      the target's key fields where the configuration names them ({@code pk.fields}); empty when
 *                       the target is keyed by the record key
 * @param keyFromRecord  whether the target's key is the record key (else {@code keyFields}, or none at all)
 * @param deletes        whether a delete (tombstone) removes the target record
 * @param insertMode     how records are written: {@code upsert}, {@code insert}, {@code update}, {@code index}, ...
 * @param consumerGroup  the consumer group it reads in: {@code connect-<name>} unless overridden
 * @param guesses        where discovery guessed
 * @param notUnderstood  what was not understood
 */
public record SinkReading(String connector, String connectorClass, SinkStore store, List<String> topics, String topicsRegex,
                          TopicTransforms transforms, UnaryOperator<String> naming, List<String> keyFields, boolean keyFromRecord,
                          boolean deletes, String insertMode, String consumerGroup, List<String> guesses,
                          List<NotUnderstood> notUnderstood) implements ConnectorReading {
    public SinkReading {
        topics = List.copyOf(topics);
        keyFields = List.copyOf(keyFields);
        guesses = List.copyOf(guesses);
        notUnderstood = List.copyOf(notUnderstood);
    }

    /** Whether it consumes {@code topic}: named in {@code topics} or matched by {@code topics.regex}. */
    public boolean consumes(String topic) {
        return topics.contains(topic) || topicsPattern().map(p -> p.matcher(topic).matches()).orElse(false);
    }

    /** The compiled {@code topics.regex}, if any and valid. */
    public Optional<Pattern> topicsPattern() {
        if (topicsRegex == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Pattern.compile(topicsRegex));
        } catch (PatternSyntaxException e) {
            return Optional.empty(); // the interpreter has listed it as not understood
        }
    }

    /** The name of the target (table, index, key prefix) that records of {@code topic} go to. */
    public String targetOf(String topic) {
        return naming.apply(transforms.route(topic));
    }
}
