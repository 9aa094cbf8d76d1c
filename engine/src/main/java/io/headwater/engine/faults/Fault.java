package io.headwater.engine.faults;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A fault injected for demos and tests: most damage a derived store behind the pipeline's back
 * ({@link FaultInjection}); the consumer-side ones ({@link #consumerSide()}) make the flow's consumer
 * misbehave instead ({@code FlowConsumer#redeliver}, {@code FlowConsumer#drop}).
 */
public enum Fault {
    /** Change one non-key field of existing records. */
    CORRUPT,
    /** Remove existing records. */
    DELETE,
    /** Add records whose keys the system of record does not hold. */
    ORPHAN,
    /** Truncate the stored content (blob file) of existing records. */
    TRUNCATE_BLOB,
    /**
     * Deliver already-applied log records again, as after a consumer crash before its offset
     * commit: an idempotent sink is unchanged, a naive one counts them twice.
     */
    DUPLICATE_DELIVERY,
    /** Skip the next log records: the checkpoint moves past them but they are never applied. */
    DROP_EVENT;

    /** Whether this fault is carried out by the flow's consumer rather than written into the store. */
    public boolean consumerSide() {
        return this == DUPLICATE_DELIVERY || this == DROP_EVENT;
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Fault> fromConfigName(String name) {
        return Arrays.stream(values()).filter(f -> f.configName().equals(name)).findFirst();
    }
}
