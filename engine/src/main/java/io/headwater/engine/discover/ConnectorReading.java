package io.headwater.engine.discover;

import java.util.List;

/**
 * What one connector's configuration means: a capture from a database into topics, a sink from
 * topics into a store, or nothing discovery understands. Immutable.
 */
public sealed interface ConnectorReading permits CaptureReading, SinkReading, ConnectorReading.Unread {

    /** The connector's name. */
    String connector();

    /** Where discovery guessed: written as comments next to what they concern. */
    List<String> guesses();

    /** What was read but not understood: listed in the output by name. */
    List<NotUnderstood> notUnderstood();

    /** A connector none of the interpreters reads. */
    record Unread(String connector, String connectorClass, List<NotUnderstood> notUnderstood) implements ConnectorReading {
        public Unread {
            notUnderstood = List.copyOf(notUnderstood);
        }

        @Override
        public List<String> guesses() {
            return List.of();
        }
    }
}
