package io.headwater.engine.config;

import io.headwater.engine.model.ApplyMode;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.Expression;
import io.headwater.engine.model.MappingFunction;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks flows whose endpoints exist against their datasets: kind versus the systems' roles,
 * mapping targets and the fields expressions read, identity flows, aggregations, and whether a
 * naive {@code apply} is one this version can carry out.
 */
final class FlowChecks {
    private final ReadContext context;
    private final Map<DatasetRef, Dataset> datasets;
    private final Map<DatasetRef, Set<String>> brokenFields;
    private final Map<String, Role> roles;
    private final Map<String, SystemKind> kinds;

    /**
     * @param datasets     every resolved dataset
     * @param brokenFields for each dataset, fields declared but unreadable (not reported again)
     * @param roles        each system's role
     * @param kinds        each system's kind
     */
    FlowChecks(ReadContext context, Map<DatasetRef, Dataset> datasets, Map<DatasetRef, Set<String>> brokenFields,
               Map<String, Role> roles, Map<String, SystemKind> kinds) {
        this.context = context;
        this.datasets = datasets;
        this.brokenFields = brokenFields;
        this.roles = roles;
        this.kinds = kinds;
    }

    private Set<String> broken(Dataset dataset) {
        return brokenFields.getOrDefault(dataset.ref(), Set.of());
    }

    void check(FlowSection.Draft flow) {
        Dataset from = datasets.get(flow.from());
        Dataset to = datasets.get(flow.to());
        if (flow.kind() != null) {
            checkRoles(flow);
        }
        if (flow.apply() == ApplyMode.NAIVE) {
            checkNaive(flow);
        }
        if (flow.mapping() == null) {
            checkIdentity(flow, from, to);
            return;
        }
        flow.mapping().forEach(m -> checkEntry(m, from, to));
        if (!flow.mappingBroken()) {
            checkKeyIsFilled(flow, to);
        }
    }

    private void checkRoles(FlowSection.Draft flow) {
        Role from = roles.get(flow.from().system());
        Role to = roles.get(flow.to().system());
        if (flow.kind() == FlowKind.COPY) {
            if (from == Role.LOG || to != Role.DERIVED) {
                Scalar kind = flow.kindSource();
                context.problem(kind.line(), kind.path(), "copy must go from a record or derived system to a derived system, not "
                        + from.configName() + " -> " + to.configName() + " (a log is read by cdc and consume flows)");
            }
            return;
        }
        Role expectedFrom = flow.kind() == FlowKind.CDC ? Role.RECORD : Role.LOG;
        Role expectedTo = flow.kind() == FlowKind.CDC ? Role.LOG : Role.DERIVED;
        // An event-sourced system of record is itself a log (a Kafka topic of events): consumers read it directly.
        boolean eventSourced = flow.kind() == FlowKind.CONSUME && from == Role.RECORD && kinds.get(flow.from().system()) == SystemKind.KAFKA;
        if (flow.kind() != FlowKind.TRANSFORM && !eventSourced && (from != expectedFrom || to != expectedTo)) {
            Scalar kind = flow.kindSource();
            context.problem(kind.line(), kind.path(), flow.kind().configName() + " must go from a " + expectedFrom.configName()
                    + " system to a " + expectedTo.configName() + " system, not " + from.configName() + " -> " + to.configName());
        }
    }

    /**
     * A naive apply exists only where it demonstrates something: an aggregating consume flow into
     * an h2 table, folding count() and sum() (min and max cannot be taken back on a delete).
     */
    private void checkNaive(FlowSection.Draft flow) {
        Scalar apply = flow.applySource();
        String why = null;
        if (flow.kind() != FlowKind.CONSUME) {
            why = "only a consume flow can apply naively, not a " + (flow.kind() == null ? "flow of unknown kind" : flow.kind().configName() + " flow");
        } else if (kinds.get(flow.to().system()) != SystemKind.H2) {
            why = "naive apply is implemented for h2 tables only, and " + flow.to() + " is not one";
        } else if (flow.mapping() == null || flow.mapping().stream().noneMatch(m -> m.expression() != null && m.expression().isAggregate())) {
            why = "naive apply is implemented for aggregating flows only (count() and sum())";
        } else if (flow.mapping().stream().anyMatch(m -> m.expression() instanceof Expression.Call c
                && (c.function() == MappingFunction.MIN || c.function() == MappingFunction.MAX))) {
            why = "naive apply folds count() and sum() only: min() and max() cannot be taken back on a delete";
        }
        if (why != null) {
            context.problem(apply.line(), apply.path(), apply.quoted() + " is invalid: " + why);
        }
    }

    private void checkIdentity(FlowSection.Draft flow, Dataset from, Dataset to) {
        List<String> missing = to.fieldNames().stream()
                .filter(name -> from.field(name).isEmpty() && !broken(from).contains(name)).toList();
        if (!missing.isEmpty()) {
            context.problem(flow.line(), flow.path(), "has no mapping, so every field of " + to.ref() + " must be a field of "
                    + from.ref() + ": missing " + String.join(", ", missing));
        }
    }

    private void checkEntry(FlowSection.MappingDraft entry, Dataset from, Dataset to) {
        if (to.field(entry.target()).isEmpty() && !broken(to).contains(entry.target())) {
            context.problem(entry.targetLine(), entry.path(), "is not a field of " + to.ref());
        }
        if (entry.expression() != null) {
            List<String> errors = new ArrayList<>();
            ExpressionTyping.check(entry.expression(), from, broken(from), errors);
            errors.forEach(e -> context.problem(entry.source().line(), entry.path(), entry.source().quoted() + " " + e));
        }
    }

    /**
     * A scalar mapping must fill the target's key; an aggregation must group by exactly the
     * target's key.
     */
    private void checkKeyIsFilled(FlowSection.Draft flow, Dataset to) {
        String path = flow.path() + ".mapping";
        List<String> groupBy = flow.mapping().stream().filter(m -> !m.expression().isAggregate())
                .map(FlowSection.MappingDraft::target).toList();
        boolean aggregate = groupBy.size() < flow.mapping().size();
        Set<String> key = new TreeSet<>(to.key());
        if (aggregate && groupBy.isEmpty()) {
            context.problem(flow.mappingLine(), path, "aggregates but has no non-aggregate target to group by");
        } else if (aggregate && !new TreeSet<>(groupBy).equals(key)) {
            context.problem(flow.mappingLine(), path, "groups by " + new TreeSet<>(groupBy) + ", but the key of " + to.ref()
                    + " is " + key + ": they must be equal");
        } else if (!aggregate && !groupBy.containsAll(key)) {
            List<String> missing = to.key().stream().filter(k -> !groupBy.contains(k)).toList();
            context.problem(flow.mappingLine(), path, "does not fill the key of " + to.ref() + ": missing " + String.join(", ", missing));
        }
    }
}
