package io.headwater.connectors.verify;

import io.headwater.engine.integrity.CanonicalForm;
import io.headwater.engine.integrity.DelegatingVerifySide;
import io.headwater.engine.integrity.FingerprintAlgorithm;
import io.headwater.engine.integrity.FingerprintedRow;
import io.headwater.engine.integrity.KeyOrder;
import io.headwater.engine.integrity.KeyRange;
import io.headwater.engine.integrity.RowsVerifySide;
import io.headwater.engine.integrity.SegmentChecksum;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.EventLog;
import io.headwater.engine.spi.VerifySide;
import java.time.Duration;
import java.util.Map;
import io.headwater.engine.spi.ChangeDecoder;
import io.headwater.engine.spi.PartitionRef;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A CDC topic as one side of a verification: the latest value per key (see {@link LatestValues}),
 * read once from the beginning to the end offsets of the moment of reading, then served from memory
 * ({@link RowsVerifySide}). Either the topic's own records (compared on the log dataset's fields) or
 * the records mapped through a flow, scalar or aggregate (folded in memory), for comparing the log
 * with a derived store. The offsets read through are {@link #through()}: a derived store whose
 * checkpoint is behind them is lagging, not corrupt.
 *
 * <p>Thread-safe after construction (the snapshot does not change). Holds the whole topic in memory.
 */
public final class KafkaTopicVerifySide extends DelegatingVerifySide {
    private final RowsVerifySide rows;
    private final Checkpoint through;

    private KafkaTopicVerifySide(RowsVerifySide rows, Checkpoint through) {
        this.rows = rows;
        this.through = through;
    }

    /** The topic's latest records, compared on every field of the log dataset, keyed by its key. */
    public static KafkaTopicVerifySide read(EventLog log, Dataset logDataset, Duration timeout) {
        LatestValues latest = new LatestValues(logDataset);
        latest.read(log, timeout);
        CanonicalForm form = new CanonicalForm(logDataset.fields());
        RowsVerifySide side = new RowsVerifySide(log.systemId() + "." + logDataset.ref().dataset() + " (latest per key)", form,
                new KeyOrder(logDataset.keyFields()), latest.rows());
        return new KafkaTopicVerifySide(side, latest.through());
    }

    /**
     * The topic's latest records mapped through {@code flow} into {@code target}'s fields and key (an
     * aggregate flow is folded group by group, as the H2 aggregate writer does).
     */
    public static KafkaTopicVerifySide read(EventLog log, Dataset logDataset, Dataset target, Flow flow, Duration timeout) {
        LatestValues latest = new LatestValues(logDataset);
        latest.read(log, timeout);
        return mapped(latest, logDataset, target, flow);
    }

    /**
     * An event-sourced topic's events up to (not including) {@code upTo}, decoded by {@code decoder}
     * and folded through {@code flow} into {@code target}'s records: the state a consumer that has
     * applied exactly those events must hold.
     */
    public static KafkaTopicVerifySide readEvents(EventLog log, Dataset logDataset, Dataset target, Flow flow, ChangeDecoder decoder,
                                                  Map<PartitionRef, Long> upTo, Duration timeout) {
        LatestValues latest = new LatestValues(logDataset, decoder);
        latest.readTo(log, upTo, timeout);
        return mapped(latest, logDataset, target, flow);
    }

    private static KafkaTopicVerifySide mapped(LatestValues latest, Dataset logDataset, Dataset target, Flow flow) {
        List<ComparedField> fields = ComparedField.of(logDataset, target, flow);
        CanonicalForm form = new CanonicalForm(fields.stream().map(ComparedField::field).toList());
        List<Row> mapped = flow.isAggregate() ? InMemoryAggregate.fold(latest.rows(), fields, target.key())
                : latest.rows().stream().map(flow::apply).toList();
        List<Field> key = target.keyFields();
        RowsVerifySide side = new RowsVerifySide(logDataset.ref() + " as " + target.ref() + " (latest per key)", form, new KeyOrder(key), mapped);
        return new KafkaTopicVerifySide(side, latest.through());
    }

    /** The end offsets the topic was read up to. */
    public Checkpoint through() {
        return through;
    }

    @Override
    protected VerifySide delegate() {
        return rows;
    }

    /** Releases the snapshot's memory with the object; nothing to close. */
    @Override
    public void close() {
        rows.close();
    }
}
