package io.headwater.engine.lineage;

import io.headwater.engine.model.Expression;
import io.headwater.engine.model.FieldRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.MappedField;
import io.headwater.engine.model.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How one field moves along one flow. An identity flow passes a field to the same-named field of
 * the target (when the target has it); a mapped field depends on its expression's source fields.
 */
final class FieldSteps {
    private final Pipeline pipeline;

    FieldSteps(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** The hops from {@code field} along {@code flow}, which reads the field's dataset. */
    List<FieldHop> forward(Flow flow, FieldRef field) {
        List<FieldHop> hops = new ArrayList<>();
        if (flow.isIdentity()) {
            if (hasField(new FieldRef(flow.to(), field.field()))) {
                hops.add(new FieldHop(flow, field, new FieldRef(flow.to(), field.field()), new Expression.Column(field.field())));
            }
            return hops;
        }
        for (MappedField m : flow.mapping()) {
            if (m.expression().sourceFields().contains(field.field())) {
                hops.add(new FieldHop(flow, field, new FieldRef(flow.to(), m.target()), m.expression()));
            }
        }
        return hops;
    }

    /** The hops into {@code field} along {@code flow}, which writes the field's dataset. */
    List<FieldHop> backward(Flow flow, FieldRef field) {
        List<FieldHop> hops = new ArrayList<>();
        if (flow.isIdentity()) {
            if (hasField(new FieldRef(flow.from(), field.field()))) {
                hops.add(new FieldHop(flow, new FieldRef(flow.from(), field.field()), field, new Expression.Column(field.field())));
            }
            return hops;
        }
        Optional<MappedField> mapped = flow.target(field.field());
        mapped.ifPresent(m -> m.expression().sourceFields().forEach(
                source -> hops.add(new FieldHop(flow, new FieldRef(flow.from(), source), field, m.expression()))));
        return hops;
    }

    /** Whether the field exists; a dataset the pipeline does not describe is taken to have it. */
    private boolean hasField(FieldRef ref) {
        return pipeline.dataset(ref.dataset()).map(d -> d.field(ref.field()).isPresent()).orElse(true);
    }
}
