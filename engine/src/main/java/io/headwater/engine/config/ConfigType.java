package io.headwater.engine.config;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The type of a config key's value, as the reference names it. A choice lists the values it
 * accepts (in the order messages list them); a name has the pattern it must match and the rule a
 * message gives when it does not.
 *
 * @param name    what the reference calls the type, e.g. {@code boolean}, {@code duration}
 * @param choices the accepted values of a choice; empty for other types
 * @param pattern what a name must match; null for other types
 * @param rule    the rule a mismatch reports, e.g. {@code use letters, digits, '_' and '-'}; null when no pattern
 */
public record ConfigType(String name, List<String> choices, Pattern pattern, String rule) {
    public static final ConfigType STRING = simple("string");
    public static final ConfigType BOOLEAN = simple("boolean");
    public static final ConfigType DURATION = simple("duration");
    public static final ConfigType ADDRESS = simple("address");
    public static final ConfigType PATH = simple("path");
    public static final ConfigType DATASET_REF = simple("system.dataset");
    public static final ConfigType FIELD_OR_FIELDS = simple("field or list of fields");
    public static final ConfigType FIELD = simple("field");

    public ConfigType {
        Objects.requireNonNull(name, "name");
        choices = List.copyOf(choices);
        if ((pattern == null) != (rule == null)) {
            throw new IllegalArgumentException("a pattern needs its rule: " + name);
        }
    }

    private static ConfigType simple(String name) {
        return new ConfigType(name, List.of(), null, null);
    }

    /** One of the given values. */
    public static ConfigType choice(List<String> values) {
        return new ConfigType("choice", values, null, null);
    }

    /** A name that must match {@code pattern}; a mismatch reports {@code rule}. */
    public static ConfigType name(String name, Pattern pattern, String rule) {
        return new ConfigType(name, List.of(), pattern, rule);
    }

    /** A list whose items are {@code item}. */
    public static ConfigType listOf(String item) {
        return simple("list of " + item);
    }

    /** A map from {@code key} to {@code value}. */
    public static ConfigType mapOf(String key, String value) {
        return simple("map of " + key + " to " + value);
    }

    /** The type as the reference writes it: {@code one of a, b} for a choice, otherwise its name. */
    public String describe() {
        if (!choices.isEmpty()) {
            return "one of " + String.join(", ", choices);
        }
        return name;
    }
}
