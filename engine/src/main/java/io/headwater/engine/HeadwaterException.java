package io.headwater.engine;

/**
 * The root of every exception Headwater throws. Unchecked; carries a short, user-facing message
 * and keeps the cause for the expandable detail. Vendor exceptions (SQL, Kafka, Lucene) are
 * wrapped into one of the subclasses at the connector boundary and never leave it.
 */
public class HeadwaterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HeadwaterException(String message) {
        super(message);
    }

    public HeadwaterException(String message, Throwable cause) {
        super(message, cause);
    }
}
