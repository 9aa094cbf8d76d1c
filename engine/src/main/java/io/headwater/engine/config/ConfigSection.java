package io.headwater.engine.config;

import java.util.List;

/** The parts of a config file, each with its own keys; the order is the reference's. */
public enum ConfigSection {
    PIPELINE("Top level", "", "The top level of the file."),
    SYSTEM("Systems", "systems[i]", "Each entry of `systems`: a database, a Kafka cluster or a store."),
    DATASET("Datasets", "systems[i].datasets[j]", "Each entry of a system's `datasets`: a table, a topic, an index or a map."),
    FIELD("Fields", "systems[i].datasets[j].fields.NAME",
            "Each entry of a dataset's `fields`, written `NAME: TYPE` or `NAME: { type: TYPE, tags: [...] }`."),
    FLOW("Flows", "flows[i]", "Each entry of `flows`: how data moves from one dataset to another."),
    POSITION("Flow position", "flows[i].position",
            "A table in which an external sink keeps how far it has applied a topic, one row per partition.");

    private final String title;
    private final String path;
    private final String summary;

    ConfigSection(String title, String path, String summary) {
        this.title = title;
        this.path = path;
        this.summary = summary;
    }

    /** The heading of the section in the reference. */
    public String title() {
        return title;
    }

    /** Where the section sits in a file, e.g. {@code flows[i].position}; empty for the top level. */
    public String path() {
        return path;
    }

    /** One sentence saying what the section is. */
    public String summary() {
        return summary;
    }

    /** The keys declared for this section, in the order messages list them. */
    public List<ConfigKey> keys() {
        return switch (this) {
            case PIPELINE -> PipelineKeys.ALL;
            case SYSTEM -> SystemKeys.ALL;
            case DATASET -> DatasetKeys.ALL;
            case FIELD -> FieldKeys.ALL;
            case FLOW -> FlowKeys.ALL;
            case POSITION -> PositionKeys.ALL;
        };
    }
}
