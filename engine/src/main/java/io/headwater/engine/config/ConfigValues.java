package io.headwater.engine.config;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Validates the small values every section has: ids, names, choices from an enum, booleans. */
final class ConfigValues {
    static final Pattern SYSTEM_ID = Pattern.compile("[a-z0-9_-]+");
    static final String SYSTEM_ID_RULE = "use lower-case letters, digits, '_' and '-' (no dots)";
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+");
    static final String ID_RULE = "use letters, digits, '_' and '-' (no dots)";
    static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final String FIELD_NAME_RULE = "use letters, digits and '_', starting with a letter or '_'";
    static final Pattern PIPELINE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    static final String PIPELINE_NAME_RULE = "use letters, digits, '.', '_' and '-'";

    private ConfigValues() {
    }

    /** The value when it matches the pattern; otherwise a problem {@code 'x' is invalid: <rule>}. */
    static Optional<String> matching(Optional<Scalar> scalar, Pattern pattern, String rule, ReadContext context) {
        if (scalar.isEmpty()) {
            return Optional.empty();
        }
        Scalar s = scalar.get();
        if (!pattern.matcher(s.value()).matches()) {
            context.problem(s.line(), s.path(), s.quoted() + " is invalid: " + rule);
            return Optional.empty();
        }
        return Optional.of(s.value());
    }

    /** One of an enum's config names; otherwise {@code 'x' is invalid: expected one of a, b}. */
    static <E> Optional<E> choice(Optional<Scalar> scalar, Function<String, Optional<E>> parse, List<String> names,
                                  ReadContext context) {
        if (scalar.isEmpty()) {
            return Optional.empty();
        }
        Scalar s = scalar.get();
        Optional<E> value = parse.apply(s.value());
        if (value.isEmpty()) {
            context.problem(s.line(), s.path(), s.quoted() + " is invalid: expected one of " + String.join(", ", names));
        }
        return value;
    }

    /** {@code true} or {@code false}; empty when absent or invalid (reported). */
    static Optional<Boolean> bool(Optional<Scalar> scalar, ReadContext context) {
        if (scalar.isEmpty()) {
            return Optional.empty();
        }
        Scalar s = scalar.get();
        if (!s.value().equals("true") && !s.value().equals("false")) {
            context.problem(s.line(), s.path(), s.quoted() + " is invalid: expected true or false");
            return Optional.empty();
        }
        return Optional.of(Boolean.parseBoolean(s.value()));
    }
}
