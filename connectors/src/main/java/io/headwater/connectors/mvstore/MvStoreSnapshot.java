package io.headwater.connectors.mvstore;

import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.DatasetReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * Reads an MVStore file that another process has open and writes — an attached cache — without
 * touching it: MVStore locks its file for the process that opened it, so the file is copied (a
 * consistent snapshot: MVStore only appends, and opening a copy whose last chunk is incomplete falls
 * back to the last complete version) and the copy is read. The copy is deleted when this reader
 * closes. Thread-safe, as {@link MvStoreReader}.
 */
public final class MvStoreSnapshot implements DatasetReader {
    private final Path copyDir;
    private final MvStoreReader reader;

    private MvStoreSnapshot(Path copyDir, MvStoreReader reader) {
        this.copyDir = copyDir;
        this.reader = reader;
    }

    /** Copies {@code file} and opens the dataset's live map in the copy. */
    public static MvStoreSnapshot open(Path file, Dataset dataset) {
        Path copy = copy(file, dataset.ref().toString());
        try {
            return new MvStoreSnapshot(copy.getParent(), MvStoreReader.open(copy, dataset));
        } catch (RuntimeException e) {
            deleteCopy(copy);
            throw e;
        }
    }

    /**
     * A copy of an MVStore file in a temporary folder of its own, for reading what another process
     * holds open; {@link #deleteCopy} removes it.
     *
     * @param what what the file holds, for messages
     */
    public static Path copy(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new StoreException("MVStore " + file + " for " + what + " does not exist");
        }
        try {
            Path dir = Files.createTempDirectory("headwater-mvstore-snapshot");
            return Files.copy(file, dir.resolve(file.getFileName()));
        } catch (IOException e) {
            throw new StoreException("cannot take a snapshot of MVStore " + file + " for " + what + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a {@link #copy} and its folder. */
    public static void deleteCopy(Path copy) {
        delete(copy.getParent());
    }

    @Override
    public Dataset dataset() {
        return reader.dataset();
    }

    @Override
    public long count() {
        return reader.count();
    }

    @Override
    public void scan(Consumer<Row> sink) {
        reader.scan(sink);
    }

    @Override
    public Optional<Row> lookup(Row key) {
        return reader.lookup(key);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } finally {
            delete(copyDir);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LoggerFactory.getLogger(MvStoreSnapshot.class).warn("cannot delete the snapshot {}: {}", dir, e.getMessage(), e);
        }
    }
}
