package io.headwater.tests.foreign;

/** A part of the foreign pipeline could not be started, observed or torn down; the message names the part. */
public final class ForeignPipelineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ForeignPipelineException(String message) {
        super(message);
    }

    public ForeignPipelineException(String message, Throwable cause) {
        super(message, cause);
    }
}
