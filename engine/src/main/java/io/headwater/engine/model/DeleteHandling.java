package io.headwater.engine.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What the sink of a flow run elsewhere does with a deleted record: the config key {@code deletes}.
 * Sink connectors differ here; the Confluent Elasticsearch sink and the OpenSearch sink connector,
 * for instance, ignore a tombstone unless {@code behavior.on.null.values} says {@code delete} (see
 * {@code docs/deletes.md}).
 */
public enum DeleteHandling {
    /** The sink deletes the target record: a target record whose source record is gone is an orphan. The default. */
    DELETE,
    /**
     * The sink keeps the target record of a deleted source record: such a record is expected, reported
     * as kept after its deletion, not as corruption.
     */
    KEEP;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeleteHandling> fromConfigName(String name) {
        return Arrays.stream(values()).filter(m -> m.configName().equals(name)).findFirst();
    }
}
