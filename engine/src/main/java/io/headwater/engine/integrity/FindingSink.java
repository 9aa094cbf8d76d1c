package io.headwater.engine.integrity;

/**
 * Receives every finding of a verification as it is found (the result lists only the first few
 * of each type), for example to write the full report file. Called from the verifying thread, in
 * no particular order across segments.
 */
@FunctionalInterface
public interface FindingSink {
    /** Discards findings. */
    FindingSink NONE = f -> { };

    void accept(Finding finding);
}
