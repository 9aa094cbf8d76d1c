package io.headwater.engine.lineage;

import io.headwater.engine.model.Expression;
import io.headwater.engine.model.FieldRef;
import io.headwater.engine.model.Flow;
import java.util.Objects;

/**
 * One step of field lineage: along {@code flow}, field {@code from} feeds field {@code to} through
 * {@code expression} (a plain column for identity flows).
 *
 * @param flow       the flow
 * @param from       the source field, in the flow's source dataset
 * @param to         the target field, in the flow's target dataset
 * @param expression how the target is computed from the source row
 */
public record FieldHop(Flow flow, FieldRef from, FieldRef to, Expression expression) {
    public FieldHop {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(expression, "expression");
    }

    /** Whether the value is copied unchanged into a field of the same name. */
    public boolean isPlainCopy() {
        return expression instanceof Expression.Column c && c.field().equals(to.field());
    }
}
