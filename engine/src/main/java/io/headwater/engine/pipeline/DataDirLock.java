package io.headwater.engine.pipeline;

import io.headwater.engine.HeadwaterException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The claim of one process on a data directory: the embedded systems inside it are run by exactly
 * one process at a time. The holder writes who it is and where its servers listen into
 * {@code headwater.lock}, so another command can say which process holds the directory, or connect
 * through the published endpoints. The operating-system lock dies with the process, so a killed
 * holder never leaves the directory claimed. Thread-safe.
 */
public final class DataDirLock implements AutoCloseable {
    public static final String FILE_NAME = "headwater.lock";
    /**
     * Locks this JVM holds. Probing a file this JVM has locked would close a second channel on it,
     * and on Linux closing any channel drops every lock the process holds on that file.
     */
    private static final Map<Path, DataDirLock> HELD = new java.util.concurrent.ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Map<String, String> info = new TreeMap<>();

    private DataDirLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Claims the directory for this process.
     *
     * @throws DataDirBusyException when another process holds it (the message says which)
     */
    public static DataDirLock acquire(Path dataDir, String command) {
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve(FILE_NAME).toAbsolutePath().normalize();
            DataDirLock mine = HELD.get(file);
            if (mine != null) {
                throw new DataDirBusyException(dataDir, Map.copyOf(mine.info));
            }
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                ch.close();
                throw new DataDirBusyException(dataDir, holder(dataDir).orElse(Map.of()));
            }
            DataDirLock l = new DataDirLock(file, ch, lock);
            l.info.put("pid", Long.toString(ProcessHandle.current().pid()));
            l.info.put("command", command);
            l.info.put("started", Instant.now().toString());
            l.write();
            HELD.put(file, l);
            return l;
        } catch (IOException e) {
            throw new HeadwaterException("cannot claim data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** What the current holder published, if the directory is held by a live process. */
    public static Optional<Map<String, String>> holder(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath().normalize();
        DataDirLock mine = HELD.get(file);
        if (mine != null) {
            synchronized (mine) {
                return Optional.of(Map.copyOf(mine.info));
            }
        }
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            Map<String, String> m = new TreeMap<>();
            p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
            String pid = m.get("pid");
            boolean alive = pid != null && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
            return alive && isLocked(file) ? Optional.of(m) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isLocked(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe = ch.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }

    /** Publishes an endpoint or fact (e.g. {@code pg.port}) for other processes. */
    public synchronized void publish(String key, String value) {
        info.put(key, value);
        write();
    }

    private void write() {
        Properties p = new Properties();
        p.putAll(info);
        StringWriter w = new StringWriter();
        try {
            p.store(w, "Headwater data directory holder");
            byte[] bytes = w.toString().getBytes(StandardCharsets.UTF_8);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(bytes), 0);
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        HELD.remove(file, this);
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release " + file, e);
        }
    }

    /** The data directory is held by another live process. */
    public static final class DataDirBusyException extends HeadwaterException {
        private static final long serialVersionUID = 1L;
        private final transient Map<String, String> holder;

        DataDirBusyException(Path dataDir, Map<String, String> holder) {
            super("data directory " + dataDir + " is in use by process " + holder.getOrDefault("pid", "?")
                    + " (" + holder.getOrDefault("command", "another Headwater command") + ", since "
                    + holder.getOrDefault("started", "?") + "). Stop that process, or pass --data-dir DIR to use another sandbox.");
            this.holder = Map.copyOf(holder);
        }

        public Map<String, String> holder() {
            return holder;
        }
    }
}
