package io.headwater.engine.config;

import java.util.Objects;

/**
 * One problem found in a pipeline config, located by file, line and key path. Rendered as
 * {@code demo.yaml:14: systems[2].datasets[0].key 'idd' is not a field of pg.customers}. Messages
 * never contain a secret: a password is named by where it should come from, never quoted.
 *
 * @param file    the config file's name, as given to the loader
 * @param line    the 1-based line of the offending node
 * @param key     the key path, e.g. {@code systems[2].datasets[0].key}; empty for the whole file
 * @param message what is wrong, phrased to follow the key path
 */
public record ConfigProblem(String file, int line, String key, String message) {
    public ConfigProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line: keyPath message}, or {@code file:line: message} when there is no key path. */
    public String render() {
        return file + ":" + line + ": " + (key.isEmpty() ? "" : key + " ") + message;
    }

    @Override
    public String toString() {
        return render();
    }
}
