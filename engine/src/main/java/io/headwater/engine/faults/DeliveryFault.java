package io.headwater.engine.faults;

import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.LogPosition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a consumer-side fault did: the log records it re-delivered or dropped, in log order, and the
 * change events decoded from them (a record that decodes to no change, such as a tombstone, has a
 * position but no event). Fewer positions than requested means the log held fewer (re-delivery
 * is bounded by the partition start) or the consumer stopped before the drop was complete.
 *
 * @param fault     {@link Fault#DUPLICATE_DELIVERY} or {@link Fault#DROP_EVENT}
 * @param flowId    the flow whose consumer misbehaved
 * @param requested how many records were asked for
 * @param positions the records affected
 * @param events    the change events among them
 */
public record DeliveryFault(Fault fault, String flowId, int requested, List<LogPosition> positions, List<ChangeEvent> events) {
    public DeliveryFault {
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(flowId, "flowId");
        if (!fault.consumerSide()) {
            throw new IllegalArgumentException(fault.configName() + " is not a consumer-side fault");
        }
        positions = List.copyOf(positions);
        events = List.copyOf(events);
    }

    /** The change event decoded from the record at {@code position}, if any. */
    public Optional<ChangeEvent> eventAt(LogPosition position) {
        return events.stream().filter(e -> e.position().equals(position)).findFirst();
    }
}
