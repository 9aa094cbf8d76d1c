package io.headwater.engine.spi;

/** Receives progress of long-running work. Called from the working thread. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total, unit) -> { };

    /**
     * @param done  units done so far
     * @param total units in all, or -1 when unknown
     * @param unit  what is counted ("rows", "events")
     */
    void progress(long done, long total, String unit);
}
