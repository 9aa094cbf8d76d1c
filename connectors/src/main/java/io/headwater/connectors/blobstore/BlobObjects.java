package io.headwater.connectors.blobstore;

import io.headwater.engine.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Content-addressed files: {@code <objects>/ab/cdef...}, named by the lower-case hex SHA-256 of
 * their bytes. A write goes to a temporary file in the same directory, is forced to disk, then
 * atomically renamed and the directory forced, so a file with a hash's name is always complete.
 * Writing the same bytes again leaves the existing file. Thread-safe.
 */
final class BlobObjects {
    private static final String TMP_PREFIX = ".tmp-";
    private final Path objects;

    BlobObjects(Path objects) {
        this.objects = objects;
    }

    Path path(String sha256) {
        return objects.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2));
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** The hash of a file's current bytes, streamed. */
    static String sha256(Path file) throws IOException {
        MessageDigest md = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Stores the bytes durably under their hash (unless a file of the right size is there) and returns the hash. */
    String write(byte[] bytes) {
        String sha = sha256(bytes);
        Path target = path(sha);
        try {
            if (Files.isRegularFile(target) && Files.size(target) == bytes.length) {
                return sha;
            }
            Path dir = Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(dir, TMP_PREFIX, "");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(dir);
            return sha;
        } catch (IOException e) {
            throw new StoreException("blob store " + objects + ": cannot write object " + sha + ": " + e.getMessage(), e);
        }
    }

    byte[] read(String sha256) throws IOException {
        return Files.readAllBytes(path(sha256));
    }

    void delete(String sha256) {
        try {
            Files.deleteIfExists(path(sha256));
        } catch (IOException e) {
            throw new StoreException("blob store " + objects + ": cannot delete object " + sha256 + ": " + e.getMessage(), e);
        }
    }

    /** Deletes every file (and leftover temporary file) whose hash {@code referenced} rejects; returns how many. */
    long deleteUnless(Predicate<String> referenced) {
        if (!Files.isDirectory(objects)) {
            return 0;
        }
        long deleted = 0;
        try (Stream<Path> files = Files.walk(objects, 2)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = f.getFileName().toString();
                String sha = f.getParent().getFileName() + name;
                if (name.startsWith(TMP_PREFIX) || !referenced.test(sha)) {
                    Files.deleteIfExists(f);
                    deleted++;
                }
            }
        } catch (IOException e) {
            throw new StoreException("blob store " + objects + ": cannot sweep unreferenced objects: " + e.getMessage(), e);
        }
        return deleted;
    }

    private static void forceDirectory(Path dir) throws IOException {
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            return; // Windows cannot open a directory as a channel.
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
