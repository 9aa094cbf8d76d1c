package io.headwater.connectors.verify;

import io.headwater.connectors.mvstore.KeyCodec;
import io.headwater.connectors.mvstore.RowCodec;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.DatasetReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Reads an {@link UnorderedSource} in key order with bounded memory, so that a store without an
 * ordered scan can be verified like any other. The first {@link #scan} or {@link #count} reads the
 * whole source once, as an external merge sort: records are collected in memory up to
 * {@value #DEFAULT_BUDGET_MB} MB, sorted by key ({@link KeyCodec#sortable} bytes, whose order is the
 * key order) and written to a temporary run file when the budget is full; at the end the runs are
 * merged ({@value SpillRuns#FAN_IN} at a time) into one sorted file, which every later scan reads
 * sequentially. A source that fits the budget never touches the disk. Memory holds one budget of
 * records plus one read buffer per merged run, whatever the number of records.
 *
 * <p>A key delivered more than once is kept once, with the values delivered last. The sorted result
 * is a snapshot of the source as that one pass read it, so scans and counts agree with each other;
 * {@link #lookup} asks the source directly, so a re-check of one key sees its current value. The
 * temporary files are deleted on {@link #close}, which also closes the source.
 *
 * <p>Thread-safe: the sort happens once, under the reader's lock; scans of the result may run from
 * any thread.
 */
public final class SortedSpill implements DatasetReader {
    static final int DEFAULT_BUDGET_MB = 32;

    private final UnorderedSource source;
    private final Path parent;
    private final long budgetBytes;
    private Path dir;
    private SpillRuns.Sorted sorted;
    private long delivered;

    private SortedSpill(UnorderedSource source, Path parent, long budgetBytes) {
        this.source = source;
        this.parent = parent;
        this.budgetBytes = budgetBytes;
    }

    /** A key-ordered reader over {@code source}, spilling into a new folder under {@code tempDir}; reads nothing yet. */
    public static SortedSpill over(UnorderedSource source, Path tempDir) {
        return new SortedSpill(source, tempDir, DEFAULT_BUDGET_MB * 1024L * 1024L);
    }

    /** As {@link #over(UnorderedSource, Path)}, spilling under the system's temporary folder. */
    public static SortedSpill over(UnorderedSource source) {
        return over(source, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** As {@link #over(UnorderedSource, Path)} with a memory budget of {@code budgetBytes} for the records held before a run is written. */
    static SortedSpill over(UnorderedSource source, Path tempDir, long budgetBytes) {
        return new SortedSpill(source, tempDir, budgetBytes);
    }

    @Override
    public Dataset dataset() {
        return source.dataset();
    }

    /** The number of distinct keys, after the sort (which this call makes if it has not happened). */
    @Override
    public long count() {
        return sorted().count();
    }

    /** The number of records the source delivered during the sort, repeats included (0 before it). */
    public synchronized long delivered() {
        return delivered;
    }

    /** The number of run files the sort wrote (0 when the source fitted in memory). */
    synchronized int runsWritten() {
        return sorted == null ? 0 : sorted.runsWritten();
    }

    @Override
    public void scan(Consumer<Row> sink) {
        sorted().forEach(bytes -> sink.accept(RowCodec.decode(bytes)));
    }

    /** The record with this key, asked of the source now. */
    @Override
    public Optional<Row> lookup(Row key) {
        return source.lookup(key);
    }

    private synchronized SpillRuns.Sorted sorted() {
        if (sorted != null) {
            return sorted;
        }
        Dataset dataset = source.dataset();
        delivered = 0;
        SpillRuns runs = new SpillRuns(this::folder, budgetBytes);
        try {
            source.scanUnordered(row -> {
                runs.add(KeyCodec.sortable(row.project(dataset.key())), RowCodec.encode(row));
                delivered++;
            });
            sorted = runs.finish();
            return sorted;
        } catch (UncheckedIOException e) {
            deleteFolder();
            throw new StoreException("cannot write the temporary sort files under " + parent + " while reading " + dataset.ref()
                    + " in key order (is the disk full?): " + e.getCause().getMessage(), e);
        } catch (RuntimeException e) {
            deleteFolder();
            throw e;
        }
    }

    private Path folder() {
        if (dir == null) {
            try {
                Files.createDirectories(parent);
                dir = Files.createTempDirectory(parent, "headwater-spill-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    /** Closes the source and deletes the temporary files. */
    @Override
    public synchronized void close() {
        try {
            source.close();
        } finally {
            sorted = null;
            deleteFolder();
        }
    }

    private void deleteFolder() {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            List<Path> all = new ArrayList<>();
            files.forEach(all::add);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LoggerFactory.getLogger(SortedSpill.class).warn("cannot delete the temporary sort folder {}: {}", dir, e.getMessage());
        }
        dir = null;
    }
}
