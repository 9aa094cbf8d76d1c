package io.headwater.engine;

/** Thrown out of long-running work when its {@link io.headwater.engine.spi.Cancellation} fired. */
public class Cancelled extends HeadwaterException {
    private static final long serialVersionUID = 1L;

    public Cancelled(String what) {
        super(what + " was cancelled");
    }
}
