package io.headwater.engine.config;

import java.util.Objects;

/**
 * What a config key is when it is not written: required, absent, a fixed value, or a value that
 * depends on other keys (described in a sentence).
 *
 * @param kind which of these it is
 * @param text the value or the sentence; empty for {@link Kind#REQUIRED} and {@link Kind#NONE}
 */
public record ConfigDefault(Kind kind, String text) {
    public static final ConfigDefault REQUIRED = new ConfigDefault(Kind.REQUIRED, "");
    public static final ConfigDefault NONE = new ConfigDefault(Kind.NONE, "");

    /** The kinds of default. */
    public enum Kind {
        /** The key must be written. */
        REQUIRED,
        /** The key may be left out and then means nothing. */
        NONE,
        /** The key may be left out and then has a fixed value. */
        VALUE,
        /** The key may be left out; its value, or whether it is required, depends on other keys. */
        DEPENDS
    }

    public ConfigDefault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    /** A fixed value, as it would be written in the config. */
    public static ConfigDefault value(String value) {
        return new ConfigDefault(Kind.VALUE, value);
    }

    /** A value (or a requirement) that depends on other keys, e.g. "true when embedded, else false". */
    public static ConfigDefault depends(String sentence) {
        return new ConfigDefault(Kind.DEPENDS, sentence);
    }

    /** How the reference writes the default. */
    public String describe() {
        return switch (kind) {
            case REQUIRED -> "required";
            case NONE -> "—";
            case VALUE -> "`" + text + "`";
            case DEPENDS -> text;
        };
    }
}
