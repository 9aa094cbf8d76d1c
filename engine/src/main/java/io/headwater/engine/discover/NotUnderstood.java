package io.headwater.engine.discover;

/**
 * Something discovery read but could not interpret: listed in its output by name, never dropped.
 *
 * @param connector the connector it belongs to
 * @param item      what it is: {@code connector.class io.example.Foo}, {@code transform route (...)}
 * @param reason    why it was not understood, and what was assumed instead
 */
public record NotUnderstood(String connector, String item, String reason) {
    @Override
    public String toString() {
        return connector + ": " + item + ": " + reason;
    }
}
