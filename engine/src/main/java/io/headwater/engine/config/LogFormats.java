package io.headwater.engine.config;

import io.headwater.engine.model.LogFormat;
import io.headwater.engine.model.SystemKind;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code format} key, on a kafka system (the default for its datasets) or on one of its
 * datasets: {@code debezium}, {@code flattened} or {@code events}. Other kinds have no topics, so
 * the key is a problem there.
 */
final class LogFormats {
    private static final List<String> NAMES = Arrays.stream(LogFormat.values()).map(LogFormat::configName).toList();

    private LogFormats() {
    }

    /** The format written at {@code map.format}; null when absent or invalid (reported). */
    static LogFormat read(YamlMap map, Optional<SystemKind> kind, ReadContext context) {
        Optional<Scalar> scalar = map.scalar("format");
        if (scalar.isEmpty()) {
            return null;
        }
        Scalar s = scalar.get();
        if (kind.isPresent() && kind.get() != SystemKind.KAFKA) {
            context.problem(s.line(), s.path(), "is the format of a topic's records: only a kafka system or dataset has one, not a "
                    + kind.get().configName() + " one");
            return null;
        }
        return ConfigValues.choice(scalar, LogFormat::fromConfigName, NAMES, context).orElse(null);
    }
}
