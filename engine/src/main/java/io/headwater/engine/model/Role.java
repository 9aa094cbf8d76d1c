package io.headwater.engine.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a system is to the pipeline: the system of record, the event log, or a derived store. */
public enum Role {
    RECORD, LOG, DERIVED;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromConfigName(String name) {
        return Arrays.stream(values()).filter(r -> r.configName().equals(name)).findFirst();
    }
}
