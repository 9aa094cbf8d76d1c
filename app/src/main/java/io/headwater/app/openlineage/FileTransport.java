package io.headwater.app.openlineage;

import io.headwater.engine.HeadwaterException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends events to a file, one JSON event a line (newline-delimited JSON), flushing after each so
 * that a reader sees every event sent. Not thread-safe.
 */
public final class FileTransport implements EventTransport {
    private final Path file;
    private final BufferedWriter out;

    /**
     * @param append whether to add to what the file holds; otherwise it is truncated
     * @throws HeadwaterException when the file cannot be opened
     */
    public FileTransport(Path file, boolean append) {
        this.file = file;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new HeadwaterException("cannot write OpenLineage events to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void send(String json) {
        try {
            out.write(json);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new HeadwaterException("cannot write an OpenLineage event to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "file " + file;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new HeadwaterException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}
