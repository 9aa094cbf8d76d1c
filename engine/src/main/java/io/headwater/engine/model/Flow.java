package io.headwater.engine.model;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A directed edge from one dataset to another with a field mapping. An empty mapping means
 * identity: every source field to a target of the same name. A mapping with aggregate expressions
 * is an aggregation grouped by its non-aggregate targets. {@code apply} says how the target's sink
 * applies events ({@link ApplyMode#IDEMPOTENT} unless a flow is deliberately naive). {@code runs} says
 * who moves the data, and {@code observe} how Headwater sees the progress of a flow it does not run.
 * {@code ttl}, when not null, says the target is a cache that expires each key that long after it
 * is written: a record absent from it may have expired rather than been lost.
 */
public record Flow(String id, FlowKind kind, DatasetRef from, DatasetRef to, List<MappedField> mapping, ApplyMode apply,
                   FlowRunner runs, FlowObservation observe, Duration ttl) {
    public Flow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(apply, "apply");
        Objects.requireNonNull(runs, "runs");
        observe = observe == null ? FlowObservation.NONE : observe;
        mapping = List.copyOf(mapping);
        if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
            throw new IllegalArgumentException("flow " + id + ": ttl must be positive, not " + ttl);
        }
    }

    /** A flow whose target keeps its records until they are deleted (no {@code ttl}). */
    public Flow(String id, FlowKind kind, DatasetRef from, DatasetRef to, List<MappedField> mapping, ApplyMode apply,
                FlowRunner runs, FlowObservation observe) {
        this(id, kind, from, to, mapping, apply, runs, observe, null);
    }

    /** A flow run by Headwater. */
    public Flow(String id, FlowKind kind, DatasetRef from, DatasetRef to, List<MappedField> mapping, ApplyMode apply) {
        this(id, kind, from, to, mapping, apply, FlowRunner.HEADWATER, FlowObservation.NONE);
    }

    /** An idempotent flow run by Headwater. */
    public Flow(String id, FlowKind kind, DatasetRef from, DatasetRef to, List<MappedField> mapping) {
        this(id, kind, from, to, mapping, ApplyMode.IDEMPOTENT);
    }

    /** Whether the flow runs outside Headwater, which only observes it. */
    public boolean external() {
        return runs == FlowRunner.EXTERNAL;
    }

    /** The same flow between other endpoints (a mapping composed through the log, a shadow store). */
    public Flow between(DatasetRef newFrom, DatasetRef newTo) {
        return new Flow(id, kind, newFrom, newTo, mapping, apply, runs, observe, ttl);
    }

    /** How long after a write the target cache expires a key, when the flow declares {@code ttl}. */
    public Optional<Duration> ttlOpt() {
        return Optional.ofNullable(ttl);
    }

    /** The same flow declaring that its target expires keys after {@code newTtl} (null: never). */
    public Flow withTtl(Duration newTtl) {
        return new Flow(id, kind, from, to, mapping, apply, runs, observe, newTtl);
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
