package io.headwater.engine.config;

import static io.headwater.engine.config.ConfigSection.PIPELINE;

import java.util.List;

/** The keys of the top level of a config file. */
public final class PipelineKeys {
    public static final ConfigKey PIPELINE_NAME = ConfigKey.of(PIPELINE, "pipeline",
            ConfigType.name("name", ConfigValues.PIPELINE_NAME, ConfigValues.PIPELINE_NAME_RULE),
            "The pipeline's name (" + ConfigValues.PIPELINE_NAME_RULE + "); the default data directory is named after it.").required();
    public static final ConfigKey DATA_DIR = ConfigKey.of(PIPELINE, "data-dir", ConfigType.PATH,
            "Where Headwater keeps its state (checkpoints, reports, hosted stores); `~` is the user's home, "
                    + "a relative path is read from the config file's folder.").defaultsTo("~/.headwater/<pipeline>");
    public static final ConfigKey DEMO = ConfigKey.of(PIPELINE, "demo", ConfigType.BOOLEAN,
            "Marks a demonstration that Headwater seeds and loads itself.").defaultsTo("false");
    public static final ConfigKey CONNECT = ConfigKey.of(PIPELINE, "connect", ConfigType.STRING,
            "The Kafka Connect REST API (`http://host:8083`) whose connectors run the external flows (`flows[i].connector`): "
                    + "`status` and the workbench show each connector's state and tasks from it, read-only. `headwater discover` writes it.");
    public static final ConfigKey SYSTEMS = ConfigKey.of(PIPELINE, "systems", ConfigType.listOf("systems"),
            "The databases, logs and stores of the pipeline (see [Systems](#systems)).").required();
    public static final ConfigKey FLOWS = ConfigKey.of(PIPELINE, "flows", ConfigType.listOf("flows"),
            "How data moves between datasets (see [Flows](#flows)).").defaultsTo("[]");

    /** Every key of the section, in the order messages list them. */
    public static final List<ConfigKey> ALL = List.of(PIPELINE_NAME, DATA_DIR, DEMO, CONNECT, SYSTEMS, FLOWS);

    private PipelineKeys() {
    }
}
