package io.headwater.engine.config;

import io.headwater.engine.model.Expression;
import java.util.Optional;

/**
 * Reads a mapping expression as a config would ({@code lower(email)}, {@code count()}), for code
 * that meets one outside a config (an imported OpenLineage transformation). Stateless, thread-safe.
 */
public final class MappingExpressions {
    private MappingExpressions() {
    }

    /** The expression {@code text} writes, or empty when it is not one. */
    public static Optional<Expression> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(ExpressionParser.parse(text.trim()).expression());
    }
}
