package io.headwater.engine.config;

import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.FlowRunner;
import io.headwater.engine.model.SystemKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks who runs each flow against what Headwater may do to its endpoints. A flow that Headwater
 * runs writes: change capture creates a replication slot and a publication in the record and
 * produces into the log; a consumer writes the derived store. So {@code runs: headwater} needs
 * every system it writes to be hosted or explicitly {@code writable}. The observation keys of an
 * external flow must fit its kind.
 */
final class RunnerChecks {
    /** "connector, slot, … and grace": the keys that describe a flow running outside Headwater. */
    private static final String OBSERVATION_KEYS = observationKeys();

    private final ReadContext context;
    private final Map<String, SystemKind> kinds;
    private final Map<String, Boolean> writable;

    RunnerChecks(ReadContext context, Map<String, SystemKind> kinds, Map<String, Boolean> writable) {
        this.context = context;
        this.kinds = kinds;
        this.writable = writable;
    }

    void check(FlowSection.Draft flow, FlowRunner runs) {
        if (flow.kind() == null || flow.from() == null || flow.to() == null) {
            return;
        }
        if (runs == FlowRunner.HEADWATER) {
            checkWritable(flow);
        }
        checkObservation(flow, runs);
        checkTtl(flow);
    }

    /** {@code ttl} says a cache expires keys: only a redis target does, and only a flow that writes one declares it. */
    private void checkTtl(FlowSection.Draft flow) {
        if (flow.ttlSource() == null) {
            return;
        }
        SystemKind target = kinds.get(flow.to().system());
        if (flow.kind() == FlowKind.CDC || flow.kind() == FlowKind.REPLAY) {
            context.problem(flow.ttlSource().line(), flow.ttlSource().path(), "says the target cache expires its keys: only consume, copy and "
                    + "transform flows into a redis dataset take it, not a " + flow.kind().configName() + " flow");
        } else if (target != null && target != SystemKind.REDIS) {
            context.problem(flow.ttlSource().line(), flow.ttlSource().path(), "says the target cache expires its keys: only a redis dataset does, "
                    + "and " + flow.to() + " is in a " + target.configName() + " system");
        }
    }

    private void checkWritable(FlowSection.Draft flow) {
        List<String> written = new ArrayList<>();
        if (flow.kind() == FlowKind.CDC) {
            written.add(flow.from().system());
        }
        written.add(flow.to().system());
        List<String> readOnly = written.stream().distinct().filter(s -> !writable.getOrDefault(s, true)).toList();
        if (!readOnly.isEmpty()) {
            int line = flow.runsSource() != null ? flow.runsSource().line() : flow.line();
            String path = flow.runsSource() != null ? flow.runsSource().path() : child(flow, FlowKeys.RUNS);
            context.problem(line, path, "headwater would write into attached system " + String.join(", ", readOnly)
                    + " to run this flow (" + (flow.kind() == FlowKind.CDC ? "a replication slot, a publication and produced records"
                    : "the derived rows") + "): write runs: external to observe the flow, or writable: true on the system to allow it");
        }
    }

    private void checkObservation(FlowSection.Draft flow, FlowRunner runs) {
        var observe = flow.observe();
        if (runs == FlowRunner.HEADWATER && !observe.isEmpty()) {
            context.problem(flow.line(), flow.path(), OBSERVATION_KEYS + " describe a flow "
                    + "that runs outside headwater: add runs: external, or leave them out");
            return;
        }
        if (observe.slot() != null && (flow.kind() != FlowKind.CDC || kinds.get(flow.from().system()) != SystemKind.POSTGRES)) {
            context.problem(flow.line(), child(flow, FlowKeys.SLOT), "is a PostgreSQL replication slot: only a cdc flow from a postgres system has one");
        }
        if ((observe.consumerGroup() != null || observe.position() != null) && flow.kind() != FlowKind.CONSUME) {
            context.problem(flow.line(), child(flow, observe.consumerGroup() != null ? FlowKeys.CONSUMER_GROUP : FlowKeys.POSITION),
                    "observes a consumer of a topic: only a consume flow has one");
        }
        if (observe.inFlight() != null && flow.kind() != FlowKind.COPY && flow.kind() != FlowKind.TRANSFORM) {
            context.problem(flow.line(), child(flow, FlowKeys.IN_FLIGHT), "is a window for copies with no log position to observe: only copy and "
                    + "transform flows take it");
        }
        if (observe.deletes() != null && flow.kind() != FlowKind.CONSUME && flow.kind() != FlowKind.COPY) {
            context.problem(flow.line(), child(flow, FlowKeys.DELETES), "says what a sink does with deleted records: only consume and copy flows "
                    + "take it");
        }
    }

    private static String child(FlowSection.Draft flow, ConfigKey key) {
        return flow.path() + "." + key.name();
    }

    private static String observationKeys() {
        List<String> names = ConfigKey.names(FlowKeys.OBSERVATION);
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
