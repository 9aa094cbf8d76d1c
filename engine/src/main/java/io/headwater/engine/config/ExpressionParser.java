package io.headwater.engine.config;

import io.headwater.engine.model.Expression;
import io.headwater.engine.model.MappingFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Parses a mapping expression: {@code field}, {@code fn(expr, ...)} or {@code count()}, with the
 * functions of {@link MappingFunction}. Checks function names and arity; argument types need the
 * source dataset and are checked by {@link ExpressionTyping}.
 */
final class ExpressionParser {
    private static final String FUNCTIONS =
            String.join(", ", Arrays.stream(MappingFunction.values()).map(MappingFunction::configName).toList());

    /**
     * The outcome of parsing.
     *
     * @param expression the expression, or null when the text is not one
     * @param error      what follows the quoted text in a problem (e.g. {@code is invalid: ...}), or null
     */
    record Parsed(Expression expression, String error) {
    }

    /** Thrown inside the parser only, to unwind to {@link #parse(String)}. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private final String text;
    private int pos;

    private ExpressionParser(String text) {
        this.text = text;
    }

    static Parsed parse(String text) {
        ExpressionParser parser = new ExpressionParser(text);
        try {
            Expression e = parser.expression();
            parser.skipSpace();
            if (parser.pos < text.length()) {
                throw parser.invalid("unexpected '" + text.charAt(parser.pos) + "'");
            }
            return new Parsed(e, null);
        } catch (Failure f) {
            return new Parsed(null, f.getMessage());
        }
    }

    private Expression expression() {
        skipSpace();
        String name = identifier().orElseThrow(() -> invalid("expected a field name or a function"));
        skipSpace();
        if (!peek('(')) {
            return new Expression.Column(name);
        }
        MappingFunction function = MappingFunction.fromConfigName(name)
                .orElseThrow(() -> new Failure("uses unknown function '" + name + "': expected one of " + FUNCTIONS));
        pos++;
        List<Expression> args = arguments();
        if (args.size() != function.arity()) {
            throw new Failure("is invalid: " + name + " takes " + function.arity() + " argument"
                    + (function.arity() == 1 ? "" : "s") + ", not " + args.size());
        }
        return new Expression.Call(function, args);
    }

    private List<Expression> arguments() {
        List<Expression> args = new ArrayList<>();
        skipSpace();
        if (peek(')')) {
            pos++;
            return args;
        }
        while (true) {
            args.add(expression());
            skipSpace();
            if (peek(')')) {
                pos++;
                return args;
            }
            if (!peek(',')) {
                throw invalid("expected ',' or ')'");
            }
            pos++;
        }
    }

    private Optional<String> identifier() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        return pos > start ? Optional.of(text.substring(start, pos)) : Optional.empty();
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private Failure invalid(String expected) {
        return new Failure("is invalid: " + expected + " at position " + (pos + 1));
    }
}
