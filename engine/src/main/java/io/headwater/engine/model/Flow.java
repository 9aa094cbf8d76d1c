package io.headwater.engine.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A directed edge from one dataset to another with a field mapping. An empty mapping means
 * identity: every source field to a target of the same name. A mapping with aggregate expressions
 * is an aggregation grouped by its non-aggregate targets. {@code apply} says how the target's sink
 * applies events ({@link ApplyMode#IDEMPOTENT} unless a flow is deliberately naive).
 */
public record Flow(String id, FlowKind kind, DatasetRef from, DatasetRef to, List<MappedField> mapping, ApplyMode apply) {
    public Flow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(apply, "apply");
        mapping = List.copyOf(mapping);
    }

    /** An idempotent flow. */
    public Flow(String id, FlowKind kind, DatasetRef from, DatasetRef to, List<MappedField> mapping) {
        this(id, kind, from, to, mapping, ApplyMode.IDEMPOTENT);
    }

    /** Whether the target's sink applies events naively ({@link ApplyMode#NAIVE}). */
    public boolean isNaive() {
        return apply == ApplyMode.NAIVE;
    }

    public boolean isIdentity() {
        return mapping.isEmpty();
    }

    public boolean isAggregate() {
        return mapping.stream().anyMatch(m -> m.expression().isAggregate());
    }

    /** The non-aggregate targets of an aggregation: its group key. */
    public List<String> groupBy() {
        return mapping.stream().filter(m -> !m.expression().isAggregate()).map(MappedField::target).toList();
    }

    public Optional<MappedField> target(String name) {
        return mapping.stream().filter(m -> m.target().equals(name)).findFirst();
    }

    /**
     * Applies a scalar mapping to one source row. Identity flows copy the row. Not for aggregates:
     * those are folded by the store that holds the groups.
     */
    public Row apply(Row source) {
        if (isIdentity()) {
            return source;
        }
        if (isAggregate()) {
            throw new IllegalStateException("flow " + id + " aggregates; it has no per-row result");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (MappedField m : mapping) {
            out.put(m.target(), m.expression().evaluate(source));
        }
        return Row.of(out);
    }

    /**
     * The target key of a source row (or of a source key row, when the key expressions read only key
     * fields): each target key field evaluated through its mapping, or copied for identity flows.
     */
    public Row mapKey(Row source, List<String> targetKey) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : targetKey) {
            Optional<MappedField> m = target(k);
            out.put(k, m.isPresent() ? m.get().expression().evaluate(source) : source.get(k));
        }
        return Row.of(out);
    }
}
