package io.headwater.engine.config;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Expression;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.MappingFunction;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a parsed expression against its source dataset: every field it reads exists, every
 * function accepts its argument's type, and an aggregate is the whole expression, never nested.
 */
final class ExpressionTyping {
    private final Dataset source;
    private final Set<String> brokenFields;
    private final List<String> errors;

    private ExpressionTyping(Dataset source, Set<String> brokenFields, List<String> errors) {
        this.source = source;
        this.brokenFields = brokenFields;
        this.errors = errors;
    }

    /**
     * Adds to {@code errors} what is wrong (each follows the quoted expression in a problem).
     * Fields in {@code brokenFields} were declared but could not be read; reading them is not
     * reported again.
     */
    static void check(Expression expression, Dataset source, Set<String> brokenFields, List<String> errors) {
        new ExpressionTyping(source, brokenFields, errors).type(expression, true);
    }

    private Optional<FieldType> type(Expression expression, boolean whole) {
        if (expression instanceof Expression.Column column) {
            Optional<FieldType> type = source.field(column.field()).map(Field::type);
            if (type.isEmpty() && !brokenFields.contains(column.field())) {
                errors.add("reads '" + column.field() + "', which is not a field of " + source.ref());
            }
            return type;
        }
        Expression.Call call = (Expression.Call) expression;
        MappingFunction function = call.function();
        if (function.isAggregate() && !whole) {
            errors.add("is invalid: " + function.configName() + " is an aggregate and must be the whole expression");
        }
        if (call.args().isEmpty()) {
            return Optional.ofNullable(function.resultType(null));
        }
        Optional<FieldType> arg = type(call.args().get(0), false);
        if (arg.isPresent() && !function.accepts(arg.get())) {
            errors.add("is invalid: " + function.configName() + " cannot take a value of type " + arg.get().configName());
            return Optional.empty();
        }
        return arg.map(function::resultType);
    }
}
