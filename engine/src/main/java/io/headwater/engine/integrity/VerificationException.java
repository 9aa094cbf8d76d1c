package io.headwater.engine.integrity;

import io.headwater.engine.HeadwaterException;

/**
 * A verification could not be carried out as designed: the sides compare different fields, a side
 * streamed keys out of order or answered with the wrong number of checksums. Never a result.
 */
public class VerificationException extends HeadwaterException {
    private static final long serialVersionUID = 1L;

    public VerificationException(String message) {
        super(message);
    }

    public VerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
