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
 * {@link #close} stops the publishing thread and waits for it, so no status is asked of systems the
 * pipeline closes afterwards.
 */
final class StatusPublisher implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusPublisher.class);
    private final LivePipeline pipeline;
    private final Path file;
    private static final long JOIN_MILLIS = 10_000;
    private volatile boolean stopping;
    private volatile Thread thread;

    StatusPublisher(LivePipeline pipeline, Path file) {
        this.pipeline = pipeline;
        this.file = file;
    }

    /** Starts publishing on a thread of its own. */
    void start() {
        thread = NamedThreads.start("status-publisher", this);
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
                if (stopping) {
                    return;
                }
                LOG.warn("cannot publish status to {}: {}", file, e.getMessage());
                sleepQuietly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (stopping) {
                    return; // interrupted by close() in the middle of asking a system: nothing left to publish
                }
                throw e;
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
        Thread t = thread;
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        t.interrupt();
        try {
            t.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.warn("the status publisher did not stop within {} ms; closing the pipeline under it", JOIN_MILLIS);
        }
    }
}
