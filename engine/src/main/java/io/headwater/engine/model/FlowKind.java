package io.headwater.engine.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How data moves along a flow. */
public enum FlowKind {
    /** Change data capture from a system of record into a log (Debezium). */
    CDC,
    /** A consumer applies a log's events to a derived store. */
    CONSUME,
    /**
     * A copy between two datasets with no log between them: replication, an ETL job, a warehouse
     * load. Verified by comparing the two directly.
     */
    COPY,
    /** A rebuild replays a log into a store. */
    REPLAY,
    /** A batch or streaming transform between datasets. */
    TRANSFORM;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FlowKind> fromConfigName(String name) {
        return Arrays.stream(values()).filter(k -> k.configName().equals(name)).findFirst();
    }
}
