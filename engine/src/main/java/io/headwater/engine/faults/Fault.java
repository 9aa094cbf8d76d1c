package io.headwater.engine.faults;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A fault injected into a derived store behind the pipeline's back, for demos and tests. */
public enum Fault {
    /** Change one non-key field of existing records. */
    CORRUPT,
    /** Remove existing records. */
    DELETE,
    /** Add records whose keys the system of record does not hold. */
    ORPHAN,
    /** Truncate the stored content (blob file) of existing records. */
    TRUNCATE_BLOB;

    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Fault> fromConfigName(String name) {
        return Arrays.stream(values()).filter(f -> f.configName().equals(name)).findFirst();
    }
}
