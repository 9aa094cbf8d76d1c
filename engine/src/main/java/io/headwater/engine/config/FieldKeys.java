package io.headwater.engine.config;

import static io.headwater.engine.config.ConfigSection.FIELD;

import io.headwater.engine.model.FieldType;
import java.util.Arrays;
import java.util.List;

/** The keys of a field written as a map; {@code name: type} is short for {@code name: {type: type}}. */
public final class FieldKeys {
    static final List<String> TYPES = Arrays.stream(FieldType.values()).map(FieldType::configName).toList();

    public static final ConfigKey TYPE = ConfigKey.of(FIELD, "type", ConfigType.choice(TYPES),
            "The field's logical type.").required();
    public static final ConfigKey TAGS = ConfigKey.of(FIELD, "tags", ConfigType.listOf("tags"),
            "`pii:<category>` marks personal data for the audit; `retention:<duration>` says how long a record may be kept.")
            .defaultsTo("[]");

    /** Every key of the section, in the order messages list them. */
    public static final List<ConfigKey> ALL = List.of(TYPE, TAGS);

    private FieldKeys() {
    }
}
