package io.headwater.engine.spi;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Row;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a dataset of any store. Scans are in key order. Thread-safe unless an implementation
 * says otherwise.
 */
public interface DatasetReader extends AutoCloseable {
    Dataset dataset();

    /** The number of records. */
    long count();

    /** Streams every record in key order. */
    void scan(Consumer<Row> sink);

    /** The record with the given key, if present. */
    Optional<Row> lookup(Row key);

    @Override
    void close();
}
