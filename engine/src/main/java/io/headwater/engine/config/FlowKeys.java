package io.headwater.engine.config;

import static io.headwater.engine.config.ConfigSection.FLOW;

import io.headwater.engine.model.ApplyMode;
import io.headwater.engine.model.DeleteHandling;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.FlowRunner;
import io.headwater.engine.model.MappingFunction;
import java.util.Arrays;
import java.util.List;

/** The keys of a flow, an entry of {@code flows}. */
public final class FlowKeys {
    static final List<String> KINDS = Arrays.stream(FlowKind.values()).map(FlowKind::configName).toList();
    static final List<String> APPLY_MODES = Arrays.stream(ApplyMode.values()).map(ApplyMode::configName).toList();
    static final List<String> RUNNERS = Arrays.stream(FlowRunner.values()).map(FlowRunner::configName).toList();
    static final List<String> DELETES_MODES = Arrays.stream(DeleteHandling.values()).map(DeleteHandling::configName).toList();
    static final List<String> FUNCTIONS = Arrays.stream(MappingFunction.values()).map(MappingFunction::configName).toList();

    public static final ConfigKey ID = ConfigKey.of(FLOW, "id", ConfigType.name("id", ConfigValues.ID, ConfigValues.ID_RULE),
            "Names the flow in messages, status and reports; " + ConfigValues.ID_RULE + ".").required();
    public static final ConfigKey KIND = ConfigKey.of(FLOW, "kind", ConfigType.choice(KINDS),
            "`cdc`: change capture from a record into a log; `consume`: a consumer applies a log to a store; "
                    + "`copy`: a copy with no log between; `replay`: a rebuild replays a log into a store; `transform`: a batch or streaming transform.")
            .required();
    public static final ConfigKey FROM = ConfigKey.of(FLOW, "from", ConfigType.DATASET_REF, "The source dataset.").required();
    public static final ConfigKey TO = ConfigKey.of(FLOW, "to", ConfigType.DATASET_REF, "The target dataset.").required();
    public static final ConfigKey MAPPING = ConfigKey.of(FLOW, "mapping", ConfigType.mapOf("target field", "expression"),
            "Each target field from a source field or a function: " + String.join(", ", FUNCTIONS)
                    + " (e.g. `email: lower(email)`, `total: sum(amount)`).")
            .dependsOn("identity: every field as it is");
    public static final ConfigKey APPLY = ConfigKey.of(FLOW, "apply", ConfigType.choice(APPLY_MODES),
            "How the target's sink applies events: `idempotent` upserts by key; `naive` folds each event in, "
                    + "so a duplicate counts twice (for demonstrations).").appliesTo(List.of("consume")).defaultsTo("idempotent");
    public static final ConfigKey RUNS = ConfigKey.of(FLOW, "runs", ConfigType.choice(RUNNERS),
            "`headwater`: Headwater moves the data itself; `external`: somebody else does and Headwater only observes the flow.")
            .dependsOn("`headwater` when both ends are hosted, else `external`");
    public static final ConfigKey CONNECTOR = ConfigKey.of(FLOW, "connector", ConfigType.STRING,
            "The name of the connector that runs an external flow (Kafka Connect, Debezium Server), for display.");
    public static final ConfigKey SLOT = ConfigKey.of(FLOW, "slot", ConfigType.STRING,
            "An external cdc flow's PostgreSQL replication slot: lag is `pg_current_wal_lsn()` minus its `confirmed_flush_lsn`.")
            .appliesTo(List.of("cdc"));
    public static final ConfigKey CONSUMER_GROUP = ConfigKey.of(FLOW, "consumer-group", ConfigType.STRING,
            "An external consume flow's Kafka consumer group: lag per partition is end offset minus committed offset.")
            .appliesTo(List.of("consume"));
    public static final ConfigKey POSITION = ConfigKey.of(FLOW, "position", ConfigType.mapOf("key", "column"),
            "A table where an external sink keeps its own position (see [Flow position](#flow-position)).")
            .appliesTo(List.of("consume"));
    public static final ConfigKey IN_FLIGHT = ConfigKey.of(FLOW, "in-flight", ConfigType.DURATION,
            "A window on the source's `timestamp` field: rows changed within it are in flight, not corrupt.")
            .appliesTo(List.of("copy", "transform"));
    public static final ConfigKey TTL = ConfigKey.of(FLOW, "ttl", ConfigType.DURATION,
            "The target is a cache that expires its keys this long after they are written (a redis dataset): a consumer Headwater "
                    + "runs writes every key with this expiry, and verification reports a record absent from the cache as `expired`, "
                    + "not missing. Mismatched values and orphans stay corruption.")
            .appliesTo(List.of("consume", "copy", "transform"));
    public static final ConfigKey GRACE = ConfigKey.of(FLOW, "grace", ConfigType.DURATION,
            "How long to wait before differences are re-checked once, when nothing else tells the flow's progress.");
    public static final ConfigKey DELETES = ConfigKey.of(FLOW, "deletes", ConfigType.choice(DELETES_MODES),
            "What the flow's sink does with a deleted record: `delete` removes the target record, so one left behind is an orphan; "
                    + "`keep` leaves it (a sink connector with `behavior.on.null.values=ignore`), so it is reported as kept after "
                    + "its deletion, not as corruption. See `docs/deletes.md`.")
            .appliesTo(List.of("consume", "copy")).defaultsTo("delete");

    /** Every key of the section, in the order messages list them. */
    public static final List<ConfigKey> ALL =
            List.of(ID, KIND, FROM, TO, MAPPING, APPLY, RUNS, CONNECTOR, SLOT, CONSUMER_GROUP, POSITION, IN_FLIGHT, GRACE, TTL, DELETES);

    /** The keys that describe a flow running outside Headwater, in the order messages list them. */
    public static final List<ConfigKey> OBSERVATION = List.of(CONNECTOR, SLOT, CONSUMER_GROUP, POSITION, IN_FLIGHT, GRACE, DELETES);

    private FlowKeys() {
    }
}
