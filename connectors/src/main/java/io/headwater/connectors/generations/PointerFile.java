package io.headwater.connectors.generations;

import io.headwater.engine.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A one-line text file that names a generation ({@code CURRENT}, {@code SHADOW}), replaced
 * atomically: the text goes to {@code <name>.tmp}, is forced to disk, renamed over the file with
 * {@code ATOMIC_MOVE}, and the directory is forced, so after a crash the file holds either the old
 * or the new name, never a torn one. Stateless and thread-safe; callers serialise changes.
 */
final class PointerFile {
    private final Path file;
    private final Path tmp;
    private final String store;

    PointerFile(Path dir, String name, String store) {
        this.file = dir.resolve(name);
        this.tmp = dir.resolve(name + ".tmp");
        this.store = store;
    }

    Path path() {
        return file;
    }

    /** The name held, or empty when the file does not exist. */
    Optional<String> read() {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException(store + " " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Durably replaces the file's content with {@code name}. */
    void write(String name) {
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap((name + "\n").getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            FileTrees.forceDirectory(file.getParent());
        } catch (IOException e) {
            throw new StoreException(store + " " + file + " cannot be written: " + e.getMessage(), e);
        }
    }

    /** Durably removes the file (and a leftover temporary file), if present. */
    void delete() {
        try {
            boolean changed = Files.deleteIfExists(tmp) | Files.deleteIfExists(file);
            if (changed) {
                FileTrees.forceDirectory(file.getParent());
            }
        } catch (IOException e) {
            throw new StoreException(store + " " + file + " cannot be deleted: " + e.getMessage(), e);
        }
    }

    /** Removes a temporary file a crash left before its rename; the file itself stays as it is. */
    void deleteLeftover() {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            throw new StoreException(store + " " + tmp + " cannot be deleted: " + e.getMessage(), e);
        }
    }
}
