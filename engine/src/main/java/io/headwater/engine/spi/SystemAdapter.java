package io.headwater.engine.spi;

import io.headwater.engine.ReadOnlyException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.status.SystemStatus;
import java.util.Optional;

/**
 * Everything Headwater can do with one system of a pipeline, whatever its kind: the single entry
 * point per kind (see {@code docs/architecture.md}, "Adapters"). A caller asks for a capability
 * and gets it, or an empty answer when the kind does not have it; nobody switches on the kind.
 *
 * <p>An adapter is opened on a system that is either hosted (Headwater started it: the embedded
 * demo's servers and file stores) or attached (somebody else runs it). On an attached system that
 * the user did not declare {@code writable}, an adapter reads only: its database connections are
 * read-only, and {@link #sink} refuses with a {@link ReadOnlyException}.
 *
 * <p>Implementations are thread-safe; what they hand out says whether it is.
 */
public interface SystemAdapter extends AutoCloseable {
    /** The system this adapter serves. */
    SystemSpec system();

    /** Health, dataset sizes and (where the kind knows it) lag, asked now. Never throws for an unreachable system. */
    SystemStatus status();

    /** A reader on one dataset as the system holds it; empty for kinds that are not read as tables (a log). */
    default Optional<DatasetReader> reader(Dataset dataset) {
        return Optional.empty();
    }

    /**
     * One side of a verification: {@code target}, a dataset of this system, as stored, compared on the
     * fields {@code flow} maps from {@code source}. Checksums are pushed down where the system
     * computes them. Empty when the kind cannot be verified as a store.
     */
    default Optional<VerifySide> storedSide(Dataset source, Dataset target, Flow flow) {
        return reader(target).map(r -> new io.headwater.engine.integrity.ReaderVerifySide(target.ref().toString(), r, target.fields()));
    }

    /**
     * The other side: {@code source}, a dataset of this system, seen through {@code flow}'s mapping
     * into {@code target}, computed where the data lives (SQL). Empty when the kind cannot evaluate a
     * mapping itself.
     */
    default Optional<VerifySide> mappedSide(Dataset source, Dataset target, Flow flow) {
        return Optional.empty();
    }

    /**
     * A sink that keeps {@code dataset} from {@code flow}, for a flow Headwater runs. Empty when the
     * kind has no sink.
     *
     * @throws ReadOnlyException when the system is attached and not declared writable
     */
    default Optional<DerivedSink> sink(Dataset dataset, Flow flow) {
        return Optional.empty();
    }

    /**
     * A capability specific to a technology, for the connectors that know it (a JDBC connection
     * source for the audit probes, the Kafka event log): empty when this kind has none of that type.
     */
    default <T> Optional<T> capability(Class<T> type) {
        return Optional.empty();
    }

    /** Releases what the adapter holds (clients, pooled connections); the system itself is left running. */
    @Override
    void close();
}
