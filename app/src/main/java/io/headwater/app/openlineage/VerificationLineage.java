package io.headwater.app.openlineage;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.lineage.openlineage.PipelineExport;
import io.headwater.engine.lineage.openlineage.VerificationEvents;
import io.headwater.engine.model.Flow;
import java.io.Closeable;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.UUID;

/**
 * Emits the OpenLineage run events of a verification as it runs ({@code verify --openlineage}): START
 * before each flow, COMPLETE with its assertions and row counts after it, FAIL if it could not run.
 * A transport that fails is reported once on the error stream and then left alone: the
 * verification goes on and its result is not lost. Not thread-safe.
 */
public final class VerificationLineage implements Closeable {
    private final OpenLineageEmitter emitter;
    private final VerificationEvents events;
    private final PrintWriter err;
    private boolean broken;

    public VerificationLineage(OpenLineageEmitter emitter, PipelineExport export, PrintWriter err) {
        this.emitter = emitter;
        this.events = new VerificationEvents(export);
        this.err = err;
    }

    /** Emits the START event of a flow's verification; returns its run id. */
    public UUID start(Flow flow) {
        Instant now = Instant.now();
        UUID run = VerificationEvents.newRunId(now);
        send(() -> emitter.emit(events.start(flow, run, now)));
        return run;
    }

    public void complete(Flow flow, UUID run, VerificationResult result) {
        send(() -> emitter.emit(events.complete(flow, run, Instant.now(), result)));
    }

    public void fail(Flow flow, UUID run, Exception cause) {
        send(() -> emitter.emit(events.fail(flow, run, Instant.now(), cause.getMessage())));
    }

    private void send(Runnable emit) {
        if (broken) {
            return;
        }
        try {
            emit.run();
        } catch (HeadwaterException e) {
            broken = true;
            err.println("openlineage: stopped sending events to " + emitter.target() + ": " + e.getMessage());
        }
    }

    /** Closes the transport and prints what was sent and what it cost. */
    @Override
    public void close() {
        emitter.close();
        err.printf("openlineage: %d events, %,d bytes, %.1f ms writing and sending, to %s%n", emitter.events(), emitter.bytes(),
                emitter.millis(), emitter.target());
    }
}
