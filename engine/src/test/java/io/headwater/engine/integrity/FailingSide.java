package io.headwater.engine.integrity;

import io.headwater.engine.ConnectionException;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.VerifySide;
import java.util.List;
import java.util.function.Consumer;

/** A side whose store goes away: scans fail after some rows, checksums fail when asked to. */
final class FailingSide implements VerifySide {
    private final VerifySide delegate;
    private final long failAfterRows;
    private final boolean failChecksums;
    private long scanned;

    FailingSide(VerifySide delegate, long failAfterRows, boolean failChecksums) {
        this.delegate = delegate;
        this.failAfterRows = failAfterRows;
        this.failChecksums = failChecksums;
    }

    private ConnectionException outage() {
        return new ConnectionException("pg", "localhost:5432", "connection reset", null);
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public CanonicalForm form() {
        return delegate.form();
    }

    @Override
    public KeyOrder keyOrder() {
        return delegate.keyOrder();
    }

    @Override
    public boolean pushesDown() {
        return delegate.pushesDown();
    }

    @Override
    public long count() {
        return delegate.count();
    }

    @Override
    public List<Row> splitPoints(int n) {
        return delegate.splitPoints(n);
    }

    @Override
    public List<SegmentChecksum> checksums(List<KeyRange> ranges, FingerprintAlgorithm algorithm) {
        if (failChecksums) {
            throw outage();
        }
        return delegate.checksums(ranges, algorithm);
    }

    @Override
    public void scan(KeyRange range, FingerprintAlgorithm algorithm, boolean withValues, Consumer<FingerprintedRow> sink) {
        delegate.scan(range, algorithm, withValues, r -> {
            if (++scanned > failAfterRows) {
                throw outage();
            }
            sink.accept(r);
        });
    }

    @Override
    public void close() {
        delegate.close();
    }
}
