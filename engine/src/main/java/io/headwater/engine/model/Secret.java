package io.headwater.engine.model;

import java.util.Objects;

/**
 * A credential. Its {@link #toString()} is always masked, so it can never reach a message, a log
 * line or a report by accident; only a connector asks for {@link #reveal()}.
 */
public final class Secret {
    private static final String MASK = "******";
    private final String value;
    private final String source;

    private Secret(String value, String source) {
        this.value = Objects.requireNonNull(value, "value");
        this.source = source;
    }

    /** A secret read from the environment variable {@code variable}. */
    public static Secret fromEnvironment(String variable, String value) {
        return new Secret(value, "${" + variable + "}");
    }

    /** A secret written literally into a config (allowed for embedded demo systems only). */
    public static Secret literal(String value) {
        return new Secret(value, "literal");
    }

    public String reveal() {
        return value;
    }

    /** Where the secret came from, e.g. {@code ${PG_PASSWORD}}; safe to print. */
    public String source() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return MASK;
    }
}
