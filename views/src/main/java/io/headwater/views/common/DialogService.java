package io.headwater.views.common;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Every dialog the workbench shows goes through here, so views stay testable and errors always
 * reach the user (a short message, with the details expandable). Call from the FX thread.
 */
public interface DialogService {
    /** An error: a short message, and the cause's details (stack trace) behind an expander. */
    void showError(String title, String message, Throwable details);

    /** An error made of several problems (e.g. a config's {@code file:line: key message} list). */
    void showProblems(String title, String message, List<String> problems);

    void showInfo(String title, String message);

    /** Asks a yes/no question. */
    boolean confirm(String title, String message);

    /** Lets the user pick a file to open, starting in {@code initialDir} (may be null). */
    Optional<Path> chooseFileToOpen(String title, Path initialDir, String extensionDescription, String... extensions);

    /**
     * Asks for a Kafka Connect REST API (and optionally the Kafka brokers) to discover a pipeline from;
     * empty when cancelled, and from a service that cannot ask.
     */
    default Optional<DiscoverRequest> askDiscover(String title) {
        return Optional.empty();
    }

    /** Lets the user pick where to save, with a suggested file name. */
    Optional<Path> chooseFileToSave(String title, String suggestedName, String extensionDescription, String... extensions);
}
