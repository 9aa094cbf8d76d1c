package io.headwater.app.openlineage;

import java.io.Closeable;

/**
 * Where OpenLineage events go: a file, an HTTP endpoint or the console. Implementations are not
 * thread-safe unless they say so: one emitter sends through one transport.
 */
public interface EventTransport extends Closeable {
    /** Sends one event, written as one line of JSON. */
    void send(String json);

    /** What the events are sent to, for messages ({@code file events.ndjson}, {@code http://host:5000/api/v1/lineage}). */
    String describe();

    @Override
    void close();
}
