package io.headwater.engine.model;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The right-hand side of a mapped field: a source field, or a function of one. Written in configs
 * as {@code email}, {@code lower(email)}, {@code day(created_at)}, {@code sum(amount)}, {@code count()}.
 */
public sealed interface Expression {

    /** The source fields this expression reads (for field-level lineage). */
    Set<String> sourceFields();

    /** Whether the expression is an aggregate. */
    boolean isAggregate();

    /** Evaluates a scalar expression against a source row. */
    Object evaluate(Row source);

    /** A source field as is. */
    record Column(String field) implements Expression {
        @Override
        public Set<String> sourceFields() {
            return Set.of(field);
        }

        @Override
        public boolean isAggregate() {
            return false;
        }

        @Override
        public Object evaluate(Row source) {
            return source.get(field);
        }

        @Override
        public String toString() {
            return field;
        }
    }

    /** A function applied to arguments. */
    record Call(MappingFunction function, List<Expression> args) implements Expression {
        public Call {
            args = List.copyOf(args);
        }

        @Override
        public Set<String> sourceFields() {
            Set<String> s = new TreeSet<>();
            args.forEach(a -> s.addAll(a.sourceFields()));
            return s;
        }

        @Override
        public boolean isAggregate() {
            return function.isAggregate() || args.stream().anyMatch(Expression::isAggregate);
        }

        @Override
        public Object evaluate(Row source) {
            if (function.isAggregate()) {
                throw new IllegalStateException("aggregate " + this + " has no per-row value");
            }
            return function.applyScalar(args.get(0).evaluate(source));
        }

        /** For an aggregate call: the per-row input value that the aggregate folds. */
        public Object aggregateInput(Row source) {
            return args.isEmpty() ? null : args.get(0).evaluate(source);
        }

        @Override
        public String toString() {
            return function.configName() + "(" + args.stream().map(Object::toString).collect(Collectors.joining(", ")) + ")";
        }
    }
}
