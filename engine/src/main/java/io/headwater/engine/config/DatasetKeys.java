package io.headwater.engine.config;

import static io.headwater.engine.config.ConfigSection.DATASET;

import java.util.List;

/** The keys of a dataset, an entry of a system's {@code datasets}. */
public final class DatasetKeys {
    private static final String REQUIRED_UNLESS_LOG =
            "required, except on a log dataset, which takes it from the cdc flow writing into it";

    public static final ConfigKey ID = ConfigKey.of(DATASET, "id", ConfigType.name("id", ConfigValues.ID, ConfigValues.ID_RULE),
            "Names the dataset in flows (`system.dataset`); " + ConfigValues.ID_RULE + ".").required();
    public static final ConfigKey NAME = ConfigKey.of(DATASET, "name", ConfigType.STRING,
            "The name inside the system: a table (`public.customers`), a topic, an index directory or a map name.")
            .dependsOn("the id");
    public static final ConfigKey KEY = ConfigKey.of(DATASET, "key", ConfigType.FIELD_OR_FIELDS,
            "The field or fields that identify a record; each of type integer, string, uuid or date.")
            .dependsOn(REQUIRED_UNLESS_LOG);
    public static final ConfigKey TIMESTAMP = ConfigKey.of(DATASET, "timestamp", ConfigType.FIELD,
            "The timestamp or date field that tells a record's age (retention checks, a copy's `in-flight` window).")
            .dependsOn("none; a log dataset takes its cdc source's");
    public static final ConfigKey FIELDS = ConfigKey.of(DATASET, "fields", ConfigType.mapOf("field name", "field"),
            "The dataset's fields (see [Fields](#fields)).").dependsOn(REQUIRED_UNLESS_LOG);
    public static final ConfigKey FORMAT = ConfigKey.of(DATASET, "format", ConfigType.choice(SystemKeys.FORMATS),
            "The format of the topic's records; see `docs/kafka-formats.md`.")
            .appliesTo(List.of("kafka")).dependsOn("the system's `format`");
    public static final ConfigKey LAYOUT = ConfigKey.of(DATASET, "layout", ConfigType.choice(RedisKeys.LAYOUTS),
            "How a record is stored under its Redis key: `hash` (one hash field per field), `json` (a string holding a JSON "
                    + "object), `string` (a string holding the value of the single non-key field).")
            .appliesTo(List.of("redis")).dependsOn("required on a redis dataset");
    public static final ConfigKey KEY_PREFIX = ConfigKey.of(DATASET, "key-prefix", ConfigType.STRING,
            "The prefix of the dataset's Redis keys, e.g. `customer:`; the record key is the rest of the Redis key, "
                    + "read as the key field's type.")
            .appliesTo(List.of("redis")).dependsOn("required on a redis dataset");
    public static final ConfigKey KEY_FIELD = ConfigKey.of(DATASET, "key-field", ConfigType.STRING,
            "The document field that holds the record key and has doc values (`keyword` or numeric, not `text`): scans sort on it, "
                    + "with `search_after` over a point in time. The dataset's key must be a single field; its value is read from "
                    + "`_source` under the key's name, or under this field when the key's name is absent there.")
            .appliesTo(List.of("opensearch", "elasticsearch"))
            .dependsOn("none: the index is scanned by `_id` and sorted in bounded memory, spilling to a temporary file");

    /** Every key of the section, in the order messages list them. */
    public static final List<ConfigKey> ALL = List.of(ID, NAME, KEY, TIMESTAMP, FIELDS, FORMAT, LAYOUT, KEY_PREFIX, KEY_FIELD);

    private DatasetKeys() {
    }
}
