package io.headwater.engine.config;

/**
 * A scalar value of the config after {@code ${VAR}} substitution.
 *
 * @param value    the substituted text
 * @param line     the 1-based line of the node
 * @param path     the key path of the node
 * @param variable the environment variable when the whole raw text was one {@code ${VAR}}
 *                 reference (with or without a default); null otherwise
 */
record Scalar(String value, int line, String path, String variable) {

    boolean fromEnvironment() {
        return variable != null;
    }

    /** The value quoted for a message: {@code 'kafka:99x'}. Never used for secrets. */
    String quoted() {
        return "'" + value + "'";
    }
}
