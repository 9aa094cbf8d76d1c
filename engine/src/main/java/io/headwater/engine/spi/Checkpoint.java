package io.headwater.engine.spi;

import java.util.Map;
import java.util.TreeMap;

/**
 * The log position a derived store has applied, as the next offset to read per partition. It is
 * committed atomically with the data it covers, so a restart resumes exactly there.
 */
public record Checkpoint(Map<PartitionRef, Long> nextOffsets) {
    public static final Checkpoint EMPTY = new Checkpoint(Map.of());

    public Checkpoint {
        nextOffsets = Map.copyOf(nextOffsets);
    }

    public long next(PartitionRef p) {
        return nextOffsets.getOrDefault(p, 0L);
    }

    /** A copy that has advanced past the given position. */
    public Checkpoint advancedPast(LogPosition position) {
        Map<PartitionRef, Long> m = new TreeMap<>(nextOffsets);
        m.merge(position.partition(), position.offset() + 1, Math::max);
        return new Checkpoint(m);
    }

    /** How many records of the log (given its end offsets) are not yet applied. */
    public long lagBehind(Map<PartitionRef, Long> endOffsets) {
        long lag = 0;
        for (Map.Entry<PartitionRef, Long> e : endOffsets.entrySet()) {
            lag += Math.max(0, e.getValue() - next(e.getKey()));
        }
        return lag;
    }

    /** The text form {@code topic-0=12,topic-1=7}, used where a store keeps a string. */
    public String encode() {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(nextOffsets).forEach((p, o) -> {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(p.topic()).append('#').append(p.partition()).append('=').append(o);
        });
        return sb.toString();
    }

    /** Parses {@link #encode()}'s form. */
    public static Checkpoint decode(String text) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        Map<PartitionRef, Long> m = new TreeMap<>();
        for (String part : text.split(",")) {
            int hash = part.lastIndexOf('#');
            int eq = part.lastIndexOf('=');
            if (hash <= 0 || eq < hash) {
                throw new IllegalArgumentException("not a checkpoint: '" + text + "'");
            }
            m.put(new PartitionRef(part.substring(0, hash), Integer.parseInt(part.substring(hash + 1, eq))),
                    Long.parseLong(part.substring(eq + 1)));
        }
        return new Checkpoint(m);
    }
}
