package io.headwater.engine.pipeline;

import io.headwater.engine.model.Flow;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.EventLog;
import io.headwater.engine.spi.FlowPosition;
import io.headwater.engine.spi.FlowProgress;
import io.headwater.engine.spi.PartitionRef;
import java.util.Map;
import java.util.Objects;

/**
 * The position of a flow that Headwater runs: its sink's committed checkpoint against the end
 * offsets of the topic it reads. Thread-safe as far as the sink's {@link DerivedSink#checkpoint()}
 * and the log's metadata calls are.
 */
public final class SinkPosition implements FlowPosition {
    private final Flow flow;
    private final String topic;
    private final EventLog log;
    private final DerivedSink sink;

    /**
     * @param flow  the consume flow
     * @param topic the topic it reads (its source dataset's physical name)
     * @param log   the log holding the topic (not owned)
     * @param sink  the sink it applies to (not owned)
     */
    public SinkPosition(Flow flow, String topic, EventLog log, DerivedSink sink) {
        this.flow = Objects.requireNonNull(flow, "flow");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.log = Objects.requireNonNull(log, "log");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public String flowId() {
        return flow.id();
    }

    @Override
    public FlowProgress read() {
        Checkpoint checkpoint = sink.checkpoint();
        Map<PartitionRef, Long> ends = log.endOffsets(topic);
        long lag = checkpoint.lagBehind(ends);
        String text = "sink of " + flow.to() + ": " + (lag == 0 ? "caught up" : lag + " records behind") + " on " + topic;
        return new FlowProgress(flow.id(), true, lag, FlowProgress.LagUnit.RECORDS, checkpoint.nextOffsets(), ends, text);
    }
}
