package io.headwater.views.verify;

import io.headwater.engine.HeadwaterException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A failure for the user: a dialog title, a short message and the cause for the expandable details.
 * View models publish it; the view hands it to the {@code DialogService}.
 */
public record Failure(String title, String message, Throwable cause) {

    /** A failure of {@code what}, with the message of the innermost Headwater exception (or the cause). */
    public static Failure of(String title, Throwable t) {
        Throwable root = unwrap(t);
        return new Failure(title, messageOf(root), root);
    }

    /** The cause of a wrapping {@link CompletionException} or {@link ExecutionException}. */
    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static String messageOf(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && !(c instanceof HeadwaterException) && c.getMessage() == null) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
