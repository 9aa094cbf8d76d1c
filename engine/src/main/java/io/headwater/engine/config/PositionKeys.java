package io.headwater.engine.config;

import static io.headwater.engine.config.ConfigSection.POSITION;

import java.util.List;

/** The keys of a flow's {@code position}: a table in which an external sink records how far it has applied a topic. */
public final class PositionKeys {
    public static final ConfigKey TABLE = ConfigKey.of(POSITION, "table", ConfigType.STRING,
            "The table's name in the flow's target system.").required();
    public static final ConfigKey TOPIC_COLUMN = ConfigKey.of(POSITION, "topic-column", ConfigType.STRING,
            "The column naming the topic, when the table serves several.");
    public static final ConfigKey PARTITION_COLUMN = ConfigKey.of(POSITION, "partition-column", ConfigType.STRING,
            "The column holding the partition number.").required();
    public static final ConfigKey OFFSET_COLUMN = ConfigKey.of(POSITION, "offset-column", ConfigType.STRING,
            "The column holding the next offset to apply.").required();

    /** Every key of the section, in the order messages list them. */
    public static final List<ConfigKey> ALL = List.of(TABLE, TOPIC_COLUMN, PARTITION_COLUMN, OFFSET_COLUMN);

    private PositionKeys() {
    }
}
