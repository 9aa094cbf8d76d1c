package io.headwater.connectors.mvstore;

import io.headwater.engine.StoreException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
 * failed write is rolled back. Thread-safe.
 */
public final class MvStoreFile implements Closeable {
    /** The map holding each dataset's checkpoint text under the dataset's physical name. */
    public static final String CHECKPOINTS = "_checkpoints";

    private static final Map<Path, MvStoreFile> OPEN = new HashMap<>();

    private final Path path;
    private final MVStore store;
    private final ReentrantLock lock = new ReentrantLock();
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
