package io.headwater.connectors.positions;

import io.headwater.connectors.debezium.DebeziumCapture;
import io.headwater.connectors.jdbc.ConnectionSource;
import io.headwater.connectors.jdbc.JdbcEndpoint;
import io.headwater.connectors.jdbc.PositionTablePosition;
import io.headwater.connectors.kafka.ConsumerGroupPosition;
import io.headwater.connectors.kafka.KafkaEventLog;
import io.headwater.connectors.postgres.PostgresEndpoint;
import io.headwater.connectors.postgres.SlotPosition;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.FlowObservation;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.FlowPosition;
import io.headwater.engine.spi.SystemReach;

import java.util.Optional;

/**
 * Picks how to read a flow's position from what its config declares:
 * <ul>
 *   <li>an external flow with {@code slot}: {@link SlotPosition} on its (PostgreSQL) source;</li>
 *   <li>an external flow with {@code consumer-group}: {@link ConsumerGroupPosition} on its (Kafka) source;</li>
 *   <li>an external flow with {@code position}: {@link PositionTablePosition} on its target, with end offsets
 *       from its Kafka source;</li>
 *   <li>a cdc flow Headwater runs from PostgreSQL: {@link SlotPosition} on the capture's own slot
 *       ({@code hw_<pipeline>});</li>
 *   <li>otherwise nothing: a consume flow Headwater runs is observed through its running consumer
 *       ({@code FlowConsumer.position()}), and a copy flow has no log position.</li>
 * </ul>
 * Opening contacts nothing; every read is read-only. Stateless and thread-safe.
 */
public final class FlowPositions {
    private FlowPositions() {
    }

    /**
     * The position reader of {@code flow}, or empty when it declares nothing to observe.
     *
     * @param reach where each system can be reached now ({@link SystemReach#DECLARED} for attached ones)
     * @throws HeadwaterException when a system it needs has no usable address
     */
    public static Optional<FlowPosition> open(Pipeline pipeline, Flow flow, SystemReach reach) {
        FlowObservation observe = flow.observe();
        SystemSpec from = pipeline.systemOf(flow.from());
        if (!flow.external()) {
            if (flow.kind() == FlowKind.CDC && from.kind() == SystemKind.POSTGRES) {
                return Optional.of(new SlotPosition(flow.id(), PostgresEndpoint.of(from, reach.connectionOf(from)),
                        DebeziumCapture.slotName(pipeline.name())));
            }
            return Optional.empty();
        }
        if (observe.slot() != null && from.kind() == SystemKind.POSTGRES) {
            return Optional.of(new SlotPosition(flow.id(), PostgresEndpoint.of(from, reach.connectionOf(from)), observe.slot()));
        }
        String topic = pipeline.requireDataset(flow.from()).physicalName();
        if (observe.consumerGroup() != null && from.kind() == SystemKind.KAFKA) {
            return Optional.of(new ConsumerGroupPosition(flow.id(), observer(from, reach), true, observe.consumerGroup(), topic));
        }
        if (observe.position() != null && from.kind() == SystemKind.KAFKA) {
            SystemSpec to = pipeline.systemOf(flow.to());
            KafkaEventLog kafka = observer(from, reach);
            Connection target = reach.connectionOf(to);
            return Optional.of(new ClosingPosition(new PositionTablePosition(flow.id(), to.id(), address(to, target),
                    readOnly(to, target), observe.position(), topic, kafka::endOffsets), kafka));
        }
        return Optional.empty();
    }

    private static KafkaEventLog observer(SystemSpec kafka, SystemReach reach) {
        String bootstrap = reach.connectionOf(kafka).address();
        if (bootstrap == null) {
            throw new HeadwaterException("system '" + kafka.id() + "' has no bootstrap address to observe");
        }
        return KafkaEventLog.forSystem(kafka, bootstrap, KafkaEventLog.DEFAULT_TIMEOUT);
    }

    private static String address(SystemSpec system, Connection c) {
        return system.kind() == SystemKind.POSTGRES ? PostgresEndpoint.of(system, c).where() : String.valueOf(c.address());
    }

    /** Read-only connections to a SQL system holding a position table. */
    private static ConnectionSource readOnly(SystemSpec system, Connection c) {
        return JdbcEndpoint.of(system, c).readOnly();
    }

    /** A position that also closes the observer it reads end offsets from. */
    private record ClosingPosition(FlowPosition position, KafkaEventLog kafka) implements FlowPosition {
        @Override
        public String flowId() {
            return position.flowId();
        }

        @Override
        public io.headwater.engine.spi.FlowProgress read() {
            return position.read();
        }

        @Override
        public void close() {
            try (kafka) {
                position.close();
            }
        }
    }
}
