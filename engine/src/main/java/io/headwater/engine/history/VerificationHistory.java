package io.headwater.engine.history;

import java.util.List;
import java.util.Optional;

/** Where verification runs are kept, so the workbench can show earlier runs. Thread-safe. */
public interface VerificationHistory extends AutoCloseable {
    /** Stores a run and returns it with its id. */
    VerificationRun save(VerificationRun run);

    /** The most recent runs of a pipeline, newest first. */
    List<VerificationRun> recent(String pipeline, int limit);

    Optional<VerificationRun> get(long id);

    @Override
    void close();
}
