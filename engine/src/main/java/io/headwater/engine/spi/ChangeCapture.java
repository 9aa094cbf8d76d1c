package io.headwater.engine.spi;

/**
 * Captures the changes of a system of record into a log (Debezium). A runnable unit: the caller
 * runs {@link #run()} on a thread it owns; {@link #close()} from another thread stops it.
 */
public interface ChangeCapture extends Runnable, AutoCloseable {
    /** Whether it has started streaming (initial snapshot done). */
    boolean isStreaming();

    /** Changes captured and handed to the log since start. */
    long eventsCaptured();

    @Override
    void close();
}
