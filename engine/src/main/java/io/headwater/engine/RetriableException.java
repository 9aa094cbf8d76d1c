package io.headwater.engine;

/** A transient failure (a timeout, a rebalance) after which the same operation may succeed. */
public class RetriableException extends HeadwaterException {
    private static final long serialVersionUID = 1L;

    public RetriableException(String message, Throwable cause) {
        super(message, cause);
    }
}
