package io.headwater.engine;

/**
 * A store refused or failed an operation for a reason other than reachability: a corrupt file, a
 * schema that does not match the pipeline, a write that could not be committed. Names the store.
 */
public class StoreException extends HeadwaterException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
