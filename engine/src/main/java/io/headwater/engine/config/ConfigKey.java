package io.headwater.engine.config;

import io.headwater.engine.model.FieldTag;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One config key, declared once: its name, section, type, default, what it applies to, whether it
 * holds a secret, and one line of documentation. The sections read their keys through these
 * declarations, and {@link ConfigReference} writes the reference from them.
 *
 * @param name         the key as written, e.g. {@code consumer-group}
 * @param section      where it is written
 * @param type         its value's type
 * @param defaultValue what it is when not written
 * @param appliesTo    the system or flow kinds (config names) it applies to; empty for all
 * @param secrecy      whether its value is a secret
 * @param doc          one line of documentation (Markdown)
 */
public record ConfigKey(String name, ConfigSection section, ConfigType type, ConfigDefault defaultValue, List<String> appliesTo,
                        Secrecy secrecy, String doc) {

    /** Whether a key's value is a secret: masked in every message, log line and report. */
    public enum Secrecy {
        /** Not a secret. */
        NONE,
        /** Always a secret. */
        ALWAYS,
        /** A secret where written as a {@code ${VAR}} reference; a literal value names a mode, not a credential. */
        FROM_ENVIRONMENT
    }

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        appliesTo = List.copyOf(appliesTo);
        Objects.requireNonNull(secrecy, "secrecy");
        Objects.requireNonNull(doc, "doc");
    }

    /** An optional key with no default, for all kinds, not secret; change it with the {@code with…} methods. */
    public static ConfigKey of(ConfigSection section, String name, ConfigType type, String doc) {
        return new ConfigKey(name, section, type, ConfigDefault.NONE, List.of(), Secrecy.NONE, doc);
    }

    /** The names of the keys, in order: the list an "unknown key" message gives. */
    public static List<String> names(List<ConfigKey> keys) {
        return keys.stream().map(ConfigKey::name).toList();
    }

    public ConfigKey required() {
        return withDefault(ConfigDefault.REQUIRED);
    }

    public ConfigKey defaultsTo(String value) {
        return withDefault(ConfigDefault.value(value));
    }

    public ConfigKey dependsOn(String sentence) {
        return withDefault(ConfigDefault.depends(sentence));
    }

    public ConfigKey withDefault(ConfigDefault value) {
        return new ConfigKey(name, section, type, value, appliesTo, secrecy, doc);
    }

    public ConfigKey appliesTo(List<String> kinds) {
        return new ConfigKey(name, section, type, defaultValue, kinds, secrecy, doc);
    }

    public ConfigKey secret(Secrecy value) {
        return new ConfigKey(name, section, type, defaultValue, appliesTo, value, doc);
    }

    public boolean isRequired() {
        return defaultValue.kind() == ConfigDefault.Kind.REQUIRED;
    }

    /** The scalar written at this key: reports "is required" when a required key is absent. */
    Optional<Scalar> scalar(YamlMap map) {
        return isRequired() ? map.required(name) : map.scalar(name);
    }

    /** The text written at this key, checked against the type's pattern when it has one. */
    Optional<String> text(YamlMap map, ReadContext context) {
        return valid(scalar(map), context);
    }

    /** The scalar's text when it matches the type's pattern (if any); otherwise {@code 'x' is invalid: <rule>}. */
    Optional<String> valid(Optional<Scalar> scalar, ReadContext context) {
        if (type.pattern() == null) {
            return scalar.map(Scalar::value);
        }
        return ConfigValues.matching(scalar, type.pattern(), type.rule(), context);
    }

    /** One of the type's choices written at this key, parsed; otherwise {@code 'x' is invalid: expected one of a, b}. */
    <E> Optional<E> choice(YamlMap map, Function<String, Optional<E>> parse, ReadContext context) {
        return choice(scalar(map), parse, context);
    }

    /** One of the type's choices, parsed; otherwise {@code 'x' is invalid: expected one of a, b}. */
    <E> Optional<E> choice(Optional<Scalar> scalar, Function<String, Optional<E>> parse, ReadContext context) {
        requireType(!type.choices().isEmpty(), "a choice");
        return ConfigValues.choice(scalar, parse, type.choices(), context);
    }

    /** {@code true} or {@code false}; empty when absent or invalid (reported). */
    Optional<Boolean> bool(YamlMap map, ReadContext context) {
        requireType(type == ConfigType.BOOLEAN, "a boolean");
        return ConfigValues.bool(scalar(map), context);
    }

    /** A duration such as {@code 30s}, {@code 5m} or {@code 2h}; empty when absent or invalid (reported). */
    Optional<Duration> duration(YamlMap map, ReadContext context) {
        requireType(type == ConfigType.DURATION, "a duration");
        Optional<Scalar> s = scalar(map);
        Optional<Duration> d = s.flatMap(v -> FieldTag.parseDuration(v.value()));
        if (s.isPresent() && d.isEmpty()) {
            context.problem(s.get().line(), s.get().path(), s.get().quoted() + " is invalid: expected a duration such as 30s, 5m or 2h");
        }
        return d;
    }

    private void requireType(boolean matches, String expected) {
        if (!matches) {
            throw new IllegalStateException(section + " key '" + name + "' is declared as " + type.describe() + ", not " + expected);
        }
    }
}
