package io.headwater.engine.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a consumer's sink applies events: the config key {@code apply} of a flow. */
public enum ApplyMode {
    /**
     * Re-applying an event changes nothing: rows are upserted by key, aggregates are recomputed
     * from one staged row per source record. The default.
     */
    IDEMPOTENT,
    /**
     * Each event is folded into the target as it comes (an aggregate adds and subtracts), so an
     * event delivered twice counts twice. Deliberately wrong, for demonstrating what duplicate
     * delivery does to a sink that is not idempotent.
     */
    NAIVE;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ApplyMode> fromConfigName(String name) {
        return Arrays.stream(values()).filter(m -> m.configName().equals(name)).findFirst();
    }
}
