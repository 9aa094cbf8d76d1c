package io.headwater.app.runtime;

import io.headwater.engine.integrity.CanonicalForm;
import io.headwater.engine.integrity.FingerprintAlgorithm;
import io.headwater.engine.integrity.FingerprintedRow;
import io.headwater.engine.integrity.KeyOrder;
import io.headwater.engine.integrity.KeyRange;
import io.headwater.engine.integrity.SegmentChecksum;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.VerifySide;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A side read as a snapshot (a topic's latest value per key) that can be read again, so a
 * re-check after catch-up sees the log as it is then, not as it was. Thread-safe.
 */
final class RefreshableSide implements VerifySide {
    private final Supplier<VerifySide> reader;
    private volatile VerifySide current;

    RefreshableSide(Supplier<VerifySide> reader) {
        this.reader = reader;
        this.current = reader.get();
    }

    /** Reads the snapshot again and serves the new one from now on. */
    void refresh() {
        VerifySide old = current;
        current = reader.get();
        old.close();
    }

    @Override
    public String describe() {
        return current.describe();
    }

    @Override
    public CanonicalForm form() {
        return current.form();
    }

    @Override
    public KeyOrder keyOrder() {
        return current.keyOrder();
    }

    @Override
    public boolean pushesDown() {
        return current.pushesDown();
    }

    @Override
    public long count() {
        return current.count();
    }

    @Override
    public List<Row> splitPoints(int n) {
        return current.splitPoints(n);
    }

    @Override
    public List<Row> splitPoints(KeyRange range, int n) {
        return current.splitPoints(range, n);
    }

    @Override
    public List<SegmentChecksum> checksums(List<KeyRange> ranges, FingerprintAlgorithm algorithm) {
        return current.checksums(ranges, algorithm);
    }

    @Override
    public void scan(KeyRange range, FingerprintAlgorithm algorithm, boolean withValues, Consumer<FingerprintedRow> sink) {
        current.scan(range, algorithm, withValues, sink);
    }

    @Override
    public void scanRanges(List<KeyRange> ranges, FingerprintAlgorithm algorithm, boolean withValues, Consumer<FingerprintedRow> sink) {
        current.scanRanges(ranges, algorithm, withValues, sink);
    }

    @Override
    public Optional<FingerprintedRow> lookup(Row key, FingerprintAlgorithm algorithm) {
        return current.lookup(key, algorithm);
    }

    @Override
    public void close() {
        current.close();
    }
}
