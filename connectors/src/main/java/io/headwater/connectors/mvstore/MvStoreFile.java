package io.headwater.connectors.mvstore;

import io.headwater.engine.StoreException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * One open MVStore file, shared by every sink and reader of this process that names the same path
 * (MVStore locks its file, so it can be open only once). Reference-counted: {@link #open(Path)}
 * acquires, {@link #close()} releases, the last release closes the store.
 *
 * <p>The store runs without auto-commit (no background writer, no commit when the unsaved buffer
 * fills), so data reaches the file only through {@link #writeAtomically}: the writer holds the
 * file's lock, changes any maps, and one {@code MVStore.commit()} stores them all as one version —
 * after a crash the file opens at the last committed version, with every map of that version. A
 * failed write is rolled back.
 *
 * <p>A map that a rebuild replaced is {@link #retire retired}: dropped at once, or, while readers of
 * this process still {@link #pin use} it, when the last of them lets go. Retired maps are listed in
 * {@value #RETIRED}, so that one a crash left behind is dropped when the file is next opened.
 * Thread-safe.
 */
public final class MvStoreFile implements Closeable {
    /** The map holding each dataset's checkpoint text under the dataset's physical name. */
    public static final String CHECKPOINTS = "_checkpoints";
    /** The map listing maps retired while readers used them, to drop when the last reader closes. */
    public static final String RETIRED = "_retired";

    private static final Map<Path, MvStoreFile> OPEN = new HashMap<>();

    private final Path path;
    private final MVStore store;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Integer> pins = new HashMap<>();
    private int references;

    private MvStoreFile(Path path, MVStore store) {
        this.path = path;
        this.store = store;
    }

    /** Opens (creating it and its directory when absent) or shares the store file at {@code file}. */
    public static MvStoreFile open(Path file) {
        Path p = file.toAbsolutePath().normalize();
        synchronized (OPEN) {
            MvStoreFile f = OPEN.get(p);
            if (f == null) {
                f = new MvStoreFile(p, openStore(p));
                f.dropRetiredLeftoversOrClose();
                OPEN.put(p, f);
            }
            f.references++;
            return f;
        }
    }

    private static MVStore openStore(Path p) {
        try {
            Files.createDirectories(p.getParent());
            return new MVStore.Builder().fileName(p.toString()).autoCommitDisabled().autoCommitBufferSize(0).open();
        } catch (IOException | MVStoreException e) {
            throw new StoreException("MVStore " + p + " cannot be opened: " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    /** The sorted map of records of one dataset: sortable key bytes to encoded row. */
    public MVMap<byte[], byte[]> records(String name) {
        return guard("open map " + name, () -> store.openMap(name,
                new MVMap.Builder<byte[], byte[]>().keyType(ByteArrayDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE)));
    }

    /** A map of text to text (checkpoints, manifests' side tables). */
    public MVMap<String, String> textMap(String name) {
        return guard("open map " + name, () -> store.openMap(name,
                new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE)));
    }

    /**
     * Runs {@code changes} holding the file's lock and commits everything it changed as one version;
     * rolls back and rethrows when it fails.
     */
    public <T> T writeAtomically(String what, Supplier<T> changes) {
        lock.lock();
        try {
            T result;
            try {
                result = changes.get();
                store.commit();
            } catch (RuntimeException e) {
                rollbackQuietly(e);
                throw e instanceof StoreException se ? se : new StoreException("MVStore " + path + ": " + what + " failed: " + e.getMessage(), e);
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    /** Runs a read while no write is half done, so it sees committed state only. */
    public <T> T read(String what, Supplier<T> query) {
        lock.lock();
        try {
            return guard(what, query);
        } finally {
            lock.unlock();
        }
    }

    /** Whether the file holds a map of that name. */
    public boolean hasMap(String name) {
        return guard("look up map " + name, () -> store.hasMap(name));
    }

    /** Keeps {@code map} from being dropped by {@link #retire} until {@link #unpin}: a reader uses it. */
    public void pin(String map) {
        read("pin map " + map, () -> pins.merge(map, 1, Integer::sum));
    }

    /** Releases a {@link #pin}; the last release of a retired map drops it. */
    public void unpin(String map) {
        boolean last = read("unpin map " + map, () -> pins.merge(map, -1, Integer::sum) == 0 && pins.remove(map) != null);
        if (last && hasMap(RETIRED)) {
            writeAtomically("drop retired map " + map, () -> {
                if (textMap(RETIRED).containsKey(map)) {
                    drop(map);
                }
                return null;
            });
        }
    }

    /**
     * Within {@link #writeAtomically}: retires {@code map} and its checkpoint entry. Dropped in this
     * very commit unless a reader has it pinned; then kept, listed in {@value #RETIRED}, until the
     * last reader unpins it.
     */
    public void retire(String map) {
        if (pins.containsKey(map)) {
            textMap(RETIRED).put(map, "");
        } else {
            drop(map);
        }
    }

    private void drop(String map) {
        if (store.hasMap(map)) {
            store.removeMap(map);
        }
        textMap(CHECKPOINTS).remove(map);
        if (store.hasMap(RETIRED)) {
            textMap(RETIRED).remove(map);
        }
    }

    private void dropRetiredLeftoversOrClose() {
        try {
            dropRetiredLeftovers();
        } catch (RuntimeException e) {
            try {
                store.close();
            } catch (MVStoreException c) {
                e.addSuppressed(c);
            }
            throw e;
        }
    }

    /** On open no reader holds a map: drops every map retired before a crash or an unclean close. */
    private void dropRetiredLeftovers() {
        if (guard("look up map " + RETIRED, () -> store.hasMap(RETIRED))) {
            List<String> retired = new ArrayList<>(textMap(RETIRED).keySet());
            if (!retired.isEmpty()) {
                writeAtomically("drop retired maps " + retired, () -> {
                    retired.forEach(this::drop);
                    return null;
                });
            }
        }
    }

    private void rollbackQuietly(RuntimeException cause) {
        try {
            store.rollback();
        } catch (MVStoreException e) {
            cause.addSuppressed(e);
        }
    }

    private <T> T guard(String what, Supplier<T> op) {
        try {
            return op.get();
        } catch (MVStoreException e) {
            throw new StoreException("MVStore " + path + ": " + what + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        synchronized (OPEN) {
            if (references == 0) {
                return;
            }
            if (--references == 0) {
                OPEN.remove(path);
                guard("close", () -> {
                    store.close();
                    return null;
                });
            }
        }
    }
}
