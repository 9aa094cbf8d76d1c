package io.headwater.app.openlineage;

import io.headwater.engine.lineage.openlineage.LineageEvent;
import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes events as JSON and sends them through a transport, counting what it sent and the time it
 * took (serialising and sending), so that the cost of emitting can be reported. Not thread-safe.
 */
public final class OpenLineageEmitter implements Closeable {
    private final EventTransport transport;
    private long events;
    private long bytes;
    private long nanos;

    public OpenLineageEmitter(EventTransport transport) {
        this.transport = transport;
    }

    public void emit(LineageEvent event) {
        long start = System.nanoTime();
        String json = OpenLineageJson.line(event);
        transport.send(json);
        nanos += System.nanoTime() - start;
        events++;
        bytes += json.getBytes(StandardCharsets.UTF_8).length + 1;
    }

    public void emitAll(List<LineageEvent> all) {
        all.forEach(this::emit);
    }

    public long events() {
        return events;
    }

    /** Bytes sent, one line break per event included. */
    public long bytes() {
        return bytes;
    }

    /** Time spent writing and sending, in milliseconds. */
    public double millis() {
        return nanos / 1e6;
    }

    public String target() {
        return transport.describe();
    }

    @Override
    public void close() {
        transport.close();
    }
}
