package io.headwater.app.runtime;

import io.headwater.app.cli.StatusJson;
import io.headwater.engine.HeadwaterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the running pipeline's status to {@code status.json} in the data directory every two
 * seconds, so that a {@code headwater status} in another process can report stores this process
 * holds open. Written to a temporary file and moved into place, so readers never see half a file.
 */
final class StatusPublisher implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusPublisher.class);
    private final LivePipeline pipeline;
    private final Path file;
    private volatile boolean stopping;

    StatusPublisher(LivePipeline pipeline, Path file) {
        this.pipeline = pipeline;
        this.file = file;
    }

    @Override
    public void run() {
        while (!stopping) {
            try {
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.writeString(tmp, StatusJson.render(pipeline.pipeline(), pipeline.status(), pipeline.latencies(), Instant.now()));
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Thread.sleep(2000);
            } catch (IOException | HeadwaterException e) {
                LOG.warn("cannot publish status to {}: {}", file, e.getMessage());
                sleepQuietly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    @Override
    public void close() {
        stopping = true;
    }
}
