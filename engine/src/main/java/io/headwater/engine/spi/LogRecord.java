package io.headwater.engine.spi;

import java.time.Instant;

/** One raw record of an event log, before decoding. A null value is a tombstone. */
public record LogRecord(LogPosition position, byte[] key, byte[] value, Instant timestamp) {
}
