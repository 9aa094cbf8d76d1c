package io.headwater.connectors.verify;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Row;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A store that can only be read in no particular order, and may deliver a record more than once: a
 * Redis {@code SCAN}, an OpenSearch scan by {@code _id}. {@link SortedSpill} turns it into a reader
 * in key order. Implementations say whether they are thread-safe.
 */
public interface UnorderedSource extends AutoCloseable {
    /** The dataset read. */
    Dataset dataset();

    /** Streams every record once or more, in any order. */
    void scanUnordered(Consumer<Row> sink);

    /** The record with this key, read directly from the store, if present. */
    Optional<Row> lookup(Row key);

    /** Releases what the source holds. */
    @Override
    void close();
}
