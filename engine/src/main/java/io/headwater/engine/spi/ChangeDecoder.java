package io.headwater.engine.spi;

import io.headwater.engine.model.Dataset;
import java.util.Optional;

/**
 * Turns a raw log record into a change event typed by the log dataset's fields. Returns empty for
 * records that carry no change (tombstones, heartbeats).
 */
public interface ChangeDecoder {
    Optional<ChangeEvent> decode(LogRecord record, Dataset logDataset);
}
