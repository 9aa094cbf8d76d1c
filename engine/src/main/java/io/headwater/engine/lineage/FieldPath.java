package io.headwater.engine.lineage;

import io.headwater.engine.model.FieldRef;
import java.util.List;
import java.util.Objects;

/**
 * A field reached by lineage and the hops that lead there, in the direction data flows. For
 * {@link LineageGraph#impact impact} the target is the last hop's {@code to}; for
 * {@link LineageGraph#origin origin} it is the first hop's {@code from}.
 *
 * @param target the field reached
 * @param hops   the hops, in data-flow order; never empty
 */
public record FieldPath(FieldRef target, List<FieldHop> hops) {
    public FieldPath {
        Objects.requireNonNull(target, "target");
        hops = List.copyOf(hops);
        if (hops.isEmpty()) {
            throw new IllegalArgumentException("a field path needs at least one hop");
        }
    }

    /** The field the path starts at (upstream end). */
    public FieldRef start() {
        return hops.get(0).from();
    }

    /** The field the path ends at (downstream end). */
    public FieldRef end() {
        return hops.get(hops.size() - 1).to();
    }

    /**
     * The path as text, e.g. {@code pg.customers.email -> kafka.customers.email -> search.customers.email [lower(email)]};
     * a hop's expression is shown in brackets unless it copies a same-named field.
     */
    public String render() {
        StringBuilder text = new StringBuilder(start().toString());
        for (FieldHop hop : hops) {
            text.append(" -> ").append(hop.to());
            if (!hop.isPlainCopy()) {
                text.append(" [").append(hop.expression()).append(']');
            }
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
