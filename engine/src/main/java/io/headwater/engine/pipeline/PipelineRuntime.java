package io.headwater.engine.pipeline;

import io.headwater.engine.model.Pipeline;
import io.headwater.engine.status.SystemStatus;
import java.util.List;

/**
 * A running pipeline as the views and the CLI see it: its model and the live state of its systems.
 * Implementations are thread-safe; {@link #status()} may take a moment (it asks every system) and
 * is not for the UI thread.
 */
public interface PipelineRuntime extends AutoCloseable {
    Pipeline pipeline();

    /** The state of every system now. */
    List<SystemStatus> status();

    /** Commit-to-derived-store latency over recent changes, per consume flow id. */
    java.util.Map<String, LatencyRecorder> latencies();

    @Override
    void close();
}
