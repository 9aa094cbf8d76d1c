package io.headwater.engine.audit;

import io.headwater.engine.lineage.LineageGraph;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ProgressListener;
import java.time.Clock;
import java.util.Objects;

/**
 * What every probe gets: the pipeline model and its lineage, a clock (ages are measured against
 * it), a cancellation flag to check between stores, and where to report progress.
 */
public record ProbeContext(Pipeline pipeline, LineageGraph lineage, Clock clock, Cancellation cancellation, ProgressListener progress) {
    public ProbeContext {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(lineage, "lineage");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(cancellation, "cancellation");
        Objects.requireNonNull(progress, "progress");
    }

    public static ProbeContext of(Pipeline pipeline) {
        return new ProbeContext(pipeline, new LineageGraph(pipeline), Clock.systemUTC(), new Cancellation(), ProgressListener.NONE);
    }
}
