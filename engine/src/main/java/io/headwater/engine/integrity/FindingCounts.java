package io.headwater.engine.integrity;

/**
 * The exact number of findings of each type (the listed findings may be fewer).
 *
 * @param expired     keys absent from a cache whose flow declares {@code ttl} ({@link FindingType#EXPIRED})
 * @param keptDeleted records the derived store keeps after their deletion, under {@code deletes: keep}
 *                    ({@link FindingType#KEPT_DELETED})
 */
public record FindingCounts(long missing, long extra, long mismatched, long inFlight, long expired, long keptDeleted) {
    /** No findings. */
    public static final FindingCounts NONE = new FindingCounts(0, 0, 0, 0, 0, 0);

    /** Counts with nothing expired and nothing kept after deletion. */
    public FindingCounts(long missing, long extra, long mismatched, long inFlight) {
        this(missing, extra, mismatched, inFlight, 0, 0);
    }

    /** The number of findings of a type. */
    public long of(FindingType type) {
        return switch (type) {
            case MISSING -> missing;
            case EXTRA -> extra;
            case MISMATCHED -> mismatched;
            case IN_FLIGHT -> inFlight;
            case EXPIRED -> expired;
            case KEPT_DELETED -> keptDeleted;
        };
    }

    /** These counts with {@code delta} added to one type. */
    public FindingCounts plus(FindingType type, long delta) {
        return new FindingCounts(
                missing + (type == FindingType.MISSING ? delta : 0),
                extra + (type == FindingType.EXTRA ? delta : 0),
                mismatched + (type == FindingType.MISMATCHED ? delta : 0),
                inFlight + (type == FindingType.IN_FLIGHT ? delta : 0),
                expired + (type == FindingType.EXPIRED ? delta : 0),
                keptDeleted + (type == FindingType.KEPT_DELETED ? delta : 0));
    }

    /** Missing, extra and mismatched together: the findings that mean corruption. */
    public long corrupt() {
        return missing + extra + mismatched;
    }
}
