package io.headwater.engine.model;

import java.util.Objects;

/** One target field of a flow and the expression over the source that fills it. */
public record MappedField(String target, Expression expression) {
    public MappedField {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(expression, "expression");
    }

    @Override
    public String toString() {
        return target + " <- " + expression;
    }
}
