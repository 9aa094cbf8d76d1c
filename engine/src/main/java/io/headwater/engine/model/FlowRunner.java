package io.headwater.engine.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Who moves the data of a flow: Headwater itself ({@link #HEADWATER}: its own change capture or
 * consumer, on hosted systems) or somebody else ({@link #EXTERNAL}: the user's Debezium, Kafka
 * Connect sink or ETL job), which Headwater only observes through the flow's {@link FlowObservation}.
 */
public enum FlowRunner {
    HEADWATER, EXTERNAL;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FlowRunner> fromConfigName(String name) {
        return Arrays.stream(values()).filter(k -> k.configName().equals(name)).findFirst();
    }
}
