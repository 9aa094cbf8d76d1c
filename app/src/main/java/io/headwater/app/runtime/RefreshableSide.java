package io.headwater.app.runtime;

import io.headwater.engine.integrity.DelegatingVerifySide;
import io.headwater.engine.spi.VerifySide;
import java.util.function.Supplier;

/**
 * A side read as a snapshot (a topic's latest value per key) that can be read again, so a
 * re-check after catch-up sees the log as it is then, not as it was. Thread-safe.
 */
final class RefreshableSide extends DelegatingVerifySide {
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
    protected VerifySide delegate() {
        return current;
    }
}
