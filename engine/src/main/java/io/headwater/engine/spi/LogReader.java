package io.headwater.engine.spi;

import java.time.Duration;
import java.util.List;

/** Reads records from assigned partitions of an event log, in offset order per partition. Not thread-safe. */
public interface LogReader extends AutoCloseable {
    /** Waits up to {@code timeout} and returns what arrived (possibly nothing). */
    List<LogRecord> poll(Duration timeout);

    @Override
    void close();
}
