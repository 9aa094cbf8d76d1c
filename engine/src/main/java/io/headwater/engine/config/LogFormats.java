package io.headwater.engine.config;

import io.headwater.engine.model.LogFormat;
import io.headwater.engine.model.SystemKind;
import java.util.Optional;

/**
 * The {@code format} key, on a kafka system (the default for its datasets) or on one of its
 * datasets: {@code debezium}, {@code flattened} or {@code events}. Other kinds have no topics, so
 * the key is a problem there.
 */
final class LogFormats {
    private LogFormats() {
    }

    /**
     * The format written at {@code map.format}, declared by {@code key} ({@link SystemKeys#FORMAT} or
     * {@link DatasetKeys#FORMAT}); null when absent or invalid (reported).
     */
    static LogFormat read(ConfigKey key, YamlMap map, Optional<SystemKind> kind, ReadContext context) {
        Optional<Scalar> scalar = key.scalar(map);
        if (scalar.isEmpty()) {
            return null;
        }
        Scalar s = scalar.get();
        if (kind.isPresent() && kind.get() != SystemKind.KAFKA) {
            context.problem(s.line(), s.path(), "is the format of a topic's records: only a kafka system or dataset has one, not a "
                    + kind.get().configName() + " one");
            return null;
        }
        return key.choice(scalar, LogFormat::fromConfigName, context).orElse(null);
    }
}
