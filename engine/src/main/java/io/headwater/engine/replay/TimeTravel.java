package io.headwater.engine.replay;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.replay.internal.BoundedLogScan;
import io.headwater.engine.replay.internal.FlowProjection;
import io.headwater.engine.replay.internal.LatestRows;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ChangeDecoder;
import io.headwater.engine.spi.EventLog;
import io.headwater.engine.spi.ProgressListener;
import java.time.Duration;
import java.util.Objects;

/**
 * Materialises a log dataset as it stood at a point of its log ({@link AsOf}): the topic is read from
 * its first available offset, and creates, updates and snapshot reads put the latest record per key
 * while deletes remove it, counting only the changes that belong to the point. Read-only; the result
 * is held in memory. Optionally the records are then mapped through a consume flow into its target
 * dataset (scalar flows record by record, aggregates folded into their groups).
 *
 * <p>Reading is bounded by the end offsets captured when it starts, so a live topic does not keep it
 * running; an unreachable broker fails with a {@link io.headwater.engine.ConnectionException} naming
 * the log system. Cancellable from another thread through the {@link Cancellation}.
 *
 * <p>Thread-safe: it holds no state between calls; each call opens its own reader.
 */
public final class TimeTravel {
    /** How long a read may receive nothing before the broker is considered gone. */
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(30);

    private final EventLog log;
    private final ChangeDecoder decoder;
    private final Dataset logDataset;
    private final Duration stallTimeout;

    /** Time travel over {@code logDataset}'s topic in {@code log}. */
    public TimeTravel(EventLog log, ChangeDecoder decoder, Dataset logDataset) {
        this(log, decoder, logDataset, DEFAULT_STALL_TIMEOUT);
    }

    /** As above, with another bound on how long a read may receive nothing. */
    public TimeTravel(EventLog log, ChangeDecoder decoder, Dataset logDataset, Duration stallTimeout) {
        this.log = Objects.requireNonNull(log, "log");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.logDataset = Objects.requireNonNull(logDataset, "logDataset");
        this.stallTimeout = Objects.requireNonNull(stallTimeout, "stallTimeout");
        if (logDataset.key().isEmpty()) {
            throw new HeadwaterException(logDataset.ref() + " has no key: it cannot be materialised record by record");
        }
    }

    /**
     * The log dataset as of {@code asOf}: its latest record per key, in key order.
     *
     * @throws HeadwaterException when an offset is asked of a topic with several partitions (whose
     *                            offsets do not order its records); use an instant there
     */
    public Materialized materialize(AsOf asOf, Cancellation cancellation, ProgressListener progress) {
        Objects.requireNonNull(asOf, "asOf");
        int partitions = asOf instanceof AsOf.Offset ? log.partitions(logDataset.physicalName()).size() : 1;
        if (partitions > 1) {
            throw new HeadwaterException("topic " + logDataset.physicalName() + " of " + logDataset.ref() + " has " + partitions
                    + " partitions: an as-of offset is defined for a single-partition topic only; use an instant");
        }
        LatestRows latest = new LatestRows(logDataset);
        BoundedLogScan.Extent extent = new BoundedLogScan(log, decoder, logDataset, stallTimeout).scan(asOf::readLimit, cancellation, progress,
                (record, event) -> {
                    if (asOf.includes(record, event)) {
                        latest.apply(event);
                    }
                });
        return new Materialized(logDataset, asOf, extent.through(), latest.applied(), latest.rows(), extent.start());
    }

    /**
     * The target of {@code flow} as of {@code asOf}: the log dataset materialised, then mapped through
     * the flow into {@code target}'s records, in target key order.
     *
     * @throws IllegalArgumentException when the flow does not read this log dataset or write {@code target}
     */
    public Materialized materialize(AsOf asOf, Flow flow, Dataset target, Cancellation cancellation, ProgressListener progress) {
        if (!flow.from().equals(logDataset.ref()) || !flow.to().equals(target.ref())) {
            throw new IllegalArgumentException("flow " + flow.id() + " goes from " + flow.from() + " to " + flow.to() + ", not from "
                    + logDataset.ref() + " to " + target.ref());
        }
        Materialized source = materialize(asOf, cancellation, progress);
        return new Materialized(target, asOf, source.through(), source.eventsApplied(), FlowProjection.project(source.rows(), flow, target),
                source.logStart());
    }
}
