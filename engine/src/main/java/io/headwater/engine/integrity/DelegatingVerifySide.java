package io.headwater.engine.integrity;

import io.headwater.engine.model.Row;
import io.headwater.engine.spi.VerifySide;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A side that hands every call to another (for sides that wrap a snapshot, or swap it). Subclasses
 * say where to: {@link #delegate()} is asked on every call, so it may change between calls.
 */
public abstract class DelegatingVerifySide implements VerifySide {
    /** The side that serves the next call. */
    protected abstract VerifySide delegate();

    @Override
    public String describe() {
        return delegate().describe();
    }

    @Override
    public CanonicalForm form() {
        return delegate().form();
    }

    @Override
    public KeyOrder keyOrder() {
        return delegate().keyOrder();
    }

    @Override
    public boolean pushesDown() {
        return delegate().pushesDown();
    }

    @Override
    public List<FingerprintAlgorithm> pushedDownAlgorithms() {
        return delegate().pushedDownAlgorithms();
    }

    @Override
    public long count() {
        return delegate().count();
    }

    @Override
    public List<Row> splitPoints(int n) {
        return delegate().splitPoints(n);
    }

    @Override
    public List<Row> splitPoints(KeyRange range, int n) {
        return delegate().splitPoints(range, n);
    }

    @Override
    public List<SegmentChecksum> checksums(List<KeyRange> ranges, FingerprintAlgorithm algorithm) {
        return delegate().checksums(ranges, algorithm);
    }

    @Override
    public void scan(KeyRange range, FingerprintAlgorithm algorithm, boolean withValues, Consumer<FingerprintedRow> sink) {
        delegate().scan(range, algorithm, withValues, sink);
    }

    @Override
    public void scanRanges(List<KeyRange> ranges, FingerprintAlgorithm algorithm, boolean withValues, Consumer<FingerprintedRow> sink) {
        delegate().scanRanges(ranges, algorithm, withValues, sink);
    }

    @Override
    public Optional<FingerprintedRow> lookup(Row key, FingerprintAlgorithm algorithm) {
        return delegate().lookup(key, algorithm);
    }

    @Override
    public void close() {
        delegate().close();
    }
}
