package io.headwater.app.runtime;

import io.headwater.engine.integrity.CatchUp;
import io.headwater.engine.model.Flow;
import io.headwater.engine.pipeline.FlowConsumer;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.EventLog;
import io.headwater.engine.spi.FlowPosition;
import io.headwater.engine.spi.PartitionRef;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How a verification waits for a flow to apply what its log holds, by who runs the flow: a consumer
 * Headwater runs is caught up when its sink's checkpoint covers the topic's end offsets; a flow
 * observed through a position (a consumer group, a position table) when that position does; a flow
 * with nothing to observe is given its grace period and then re-checked once.
 */
final class FlowCatchUp {
    /** How long a committed change may take to reach the log when Headwater captures it (Debezium polls every 20 ms and batches). */
    static final Duration CAPTURE_GRACE = Duration.ofMillis(1500);
    /** The same for a connector Headwater does not run, when the flow declares no grace: connectors poll and batch more slowly. */
    static final Duration EXTERNAL_GRACE = Duration.ofSeconds(3);

    private FlowCatchUp() {
    }

    /** A consumer Headwater runs: its sink's checkpoint against the topic's end offsets. */
    static CatchUp ofConsumer(FlowConsumer consumer, EventLog log, String topic) {
        return positions(() -> consumer.sink().checkpoint(), () -> consumer.failure().isEmpty(), log, topic, CAPTURE_GRACE);
    }

    /**
     * A flow whose position is read by {@code position} (a checkpoint of next offsets per partition),
     * healthy while {@code healthy} says so.
     */
    static CatchUp positions(Supplier<Checkpoint> position, Supplier<Boolean> healthy, EventLog log, String topic, Duration grace) {
        return new CatchUp() {
            @Override
            public boolean awaitCaughtUp(Duration timeout) {
                Map<PartitionRef, Long> end = log.endOffsets(topic);
                long deadline = System.nanoTime() + timeout.toNanos();
                while (!covers(position.get(), end)) {
                    if (System.nanoTime() > deadline || !healthy.get()) {
                        return false;
                    }
                    Pause.millis(50, "waiting for " + topic + " to be applied");
                }
                return true;
            }

            @Override
            public Duration captureGrace() {
                return grace;
            }
        };
    }

    /**
     * A flow observed through its position (a replication slot, a consumer group, a position table):
     * caught up once the position passes where the log ended when the wait began; then
     * {@code beforeRecheck} runs (a topic read again, say).
     */
    static CatchUp observed(Flow flow, FlowPosition position, Runnable beforeRecheck) {
        Duration grace = flow.observe().graceOpt().orElse(CAPTURE_GRACE);
        return new CatchUp() {
            @Override
            public boolean awaitCaughtUp(Duration timeout) {
                Map<PartitionRef, Long> marks = position.read().ends();
                long deadline = System.nanoTime() + timeout.toNanos();
                while (!position.read().covers(marks)) {
                    if (System.nanoTime() > deadline) {
                        return false;
                    }
                    Pause.millis(200, "waiting for flow " + flow.id() + " to catch up");
                }
                beforeRecheck.run();
                return true;
            }

            @Override
            public Duration captureGrace() {
                return grace;
            }
        };
    }

    /** A flow with nothing to observe: after its grace period it is taken as caught up, and each difference is re-checked once. */
    static CatchUp graceOnly(Flow flow, Runnable beforeRecheck) {
        Duration grace = flow.observe().graceOpt().orElse(flow.external() ? EXTERNAL_GRACE : CAPTURE_GRACE);
        return new CatchUp() {
            @Override
            public boolean awaitCaughtUp(Duration timeout) {
                beforeRecheck.run();
                return true;
            }

            @Override
            public Duration captureGrace() {
                return grace;
            }
        };
    }

    static boolean covers(Checkpoint checkpoint, Map<PartitionRef, Long> end) {
        return end.entrySet().stream().allMatch(e -> checkpoint.next(e.getKey()) >= e.getValue());
    }
}
