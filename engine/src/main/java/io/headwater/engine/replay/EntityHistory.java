package io.headwater.engine.replay;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.integrity.KeyOrder;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Row;
import io.headwater.engine.replay.internal.BoundedLogScan;
import io.headwater.engine.replay.internal.FieldChanges;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ChangeDecoder;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.ChangeOp;
import io.headwater.engine.spi.EventLog;
import io.headwater.engine.spi.LogRecord;
import io.headwater.engine.spi.ProgressListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Every change of one entity, in log order, read from a log dataset's topic: when, which operation,
 * where in the log, the record before and after, and which fields changed. An update or delete
 * whose capture lacks the before-image gets the image of the entity's previous change. Tombstones
 * are not changes and are left out.
 *
 * <p>The entity is a key of the log dataset, or a key of a flow's target: then every change of a
 * source record that maps to that target key before or after the change (for an aggregate, every
 * change of a record in the group), with the source records as before and after.
 *
 * <p>Who made a change: the {@link ChangeEvent} of the SPI carries no transaction id, so
 * {@link HistoryEntry#transaction()} is null until a decoder exposes one.
 *
 * <p>Reads the topic from its first available offset to the end offsets captured at the start;
 * an unreachable broker fails with a {@link io.headwater.engine.ConnectionException} naming the log
 * system. Thread-safe: it holds no state between calls.
 */
public final class EntityHistory {
    private final EventLog log;
    private final ChangeDecoder decoder;
    private final Dataset logDataset;
    private final Duration stallTimeout;

    /** The history of entities of {@code logDataset}'s topic in {@code log}. */
    public EntityHistory(EventLog log, ChangeDecoder decoder, Dataset logDataset) {
        this(log, decoder, logDataset, TimeTravel.DEFAULT_STALL_TIMEOUT);
    }

    /** As above, with another bound on how long a read may receive nothing. */
    public EntityHistory(EventLog log, ChangeDecoder decoder, Dataset logDataset, Duration stallTimeout) {
        this.log = Objects.requireNonNull(log, "log");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.logDataset = Objects.requireNonNull(logDataset, "logDataset");
        this.stallTimeout = Objects.requireNonNull(stallTimeout, "stallTimeout");
        if (logDataset.key().isEmpty()) {
            throw new HeadwaterException(logDataset.ref() + " has no key: its entities cannot be told apart");
        }
    }

    /** Every change of the record with this key of the log dataset, in log order. */
    public List<HistoryEntry> history(Row key, Cancellation cancellation) {
        return history(key, cancellation, ProgressListener.NONE);
    }

    /**
     * Every change of the record with this key of the log dataset, in log order.
     *
     * @throws IllegalArgumentException when {@code key} lacks a key field
     */
    public List<HistoryEntry> history(Row key, Cancellation cancellation, ProgressListener progress) {
        Row wanted = requireKey(key, logDataset);
        KeyOrder order = new KeyOrder(logDataset.keyFields());
        return collect((sourceKey, before, after) -> order.compare(sourceKey, wanted) == 0, cancellation, progress);
    }

    /**
     * Every change of a source record that maps to {@code targetKey} of {@code flow}'s target,
     * before or after the change, in log order.
     *
     * @throws IllegalArgumentException when the flow does not read this log dataset or the key lacks a field
     */
    public List<HistoryEntry> history(Flow flow, Dataset target, Row targetKey, Cancellation cancellation, ProgressListener progress) {
        if (!flow.from().equals(logDataset.ref()) || !flow.to().equals(target.ref())) {
            throw new IllegalArgumentException("flow " + flow.id() + " goes from " + flow.from() + " to " + flow.to() + ", not from "
                    + logDataset.ref() + " to " + target.ref());
        }
        Row wanted = requireKey(targetKey, target);
        KeyOrder order = new KeyOrder(target.keyFields());
        List<String> key = target.key();
        return collect((sourceKey, before, after) -> before != null && order.compare(flow.mapKey(before, key), wanted) == 0
                || after != null && order.compare(flow.mapKey(after, key), wanted) == 0, cancellation, progress);
    }

    /** Whether a change (with its source key and images) belongs to the entity. */
    @FunctionalInterface
    private interface Match {
        boolean test(Row sourceKey, Row before, Row after);
    }

    private List<HistoryEntry> collect(Match match, Cancellation cancellation, ProgressListener progress) {
        List<HistoryEntry> entries = new ArrayList<>();
        TreeMap<Row, Row> lastImage = new TreeMap<>(new KeyOrder(logDataset.keyFields()));
        new BoundedLogScan(log, decoder, logDataset, stallTimeout).scan(end -> end, cancellation, progress,
                (record, event) -> entry(record, event, lastImage, match, entries));
        return List.copyOf(entries);
    }

    private void entry(LogRecord record, ChangeEvent e, TreeMap<Row, Row> lastImage, Match match, List<HistoryEntry> entries) {
        Row sourceKey = e.key().project(logDataset.key());
        Row before = e.before() == null && (e.op() == ChangeOp.UPDATE || e.op() == ChangeOp.DELETE) ? lastImage.get(sourceKey) : e.before();
        Row after = e.op().removes() ? null : e.after();
        if (!match.test(sourceKey, before, after)) {
            return;
        }
        entries.add(new HistoryEntry(record.position(), e.committedAt() != null ? e.committedAt() : record.timestamp(), e.op(), before, after,
                FieldChanges.between(before, after, logDataset.fieldNames()), null));
        if (after == null) {
            lastImage.remove(sourceKey);
        } else {
            lastImage.put(sourceKey, after);
        }
    }

    private static Row requireKey(Row key, Dataset dataset) {
        Objects.requireNonNull(key, "key");
        for (String k : dataset.key()) {
            if (!key.has(k) || key.get(k) == null) {
                throw new IllegalArgumentException("the key " + key.asMap() + " lacks '" + k + "'; the key fields of " + dataset.ref()
                        + " are " + KeyLiteral.describe(dataset));
            }
        }
        return key.project(dataset.key());
    }
}
