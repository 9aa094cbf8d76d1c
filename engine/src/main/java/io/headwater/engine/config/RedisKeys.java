package io.headwater.engine.config;

import io.headwater.engine.model.RedisKeyspace;
import io.headwater.engine.model.RedisLayout;
import io.headwater.engine.model.SystemKind;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code layout} and {@code key-prefix} keys of a redis dataset. Both are required there; on a
 * dataset of any other kind each is a problem, since only Redis keeps records under prefixed keys.
 */
final class RedisKeys {
    static final List<String> LAYOUTS = Arrays.stream(RedisLayout.values()).map(RedisLayout::configName).toList();

    private RedisKeys() {
    }

    /** The keyspace declared at {@code map}; null when the system is not redis, or a key is missing or invalid (reported). */
    static RedisKeyspace read(YamlMap map, Optional<SystemKind> kind, ReadContext context) {
        Optional<Scalar> layout = DatasetKeys.LAYOUT.scalar(map);
        Optional<Scalar> prefix = DatasetKeys.KEY_PREFIX.scalar(map);
        if (kind.isEmpty()) {
            return null;
        }
        if (kind.get() != SystemKind.REDIS) {
            for (Scalar s : List.of(layout, prefix).stream().flatMap(Optional::stream).toList()) {
                context.problem(s.line(), s.path(), "applies to a redis dataset only, not a " + kind.get().configName() + " one");
            }
            return null;
        }
        Optional<RedisLayout> parsed = DatasetKeys.LAYOUT.choice(layout, RedisLayout::fromConfigName, context);
        if (layout.isEmpty()) {
            context.problem(map.line(), map.child(DatasetKeys.LAYOUT.name()), "is required on a redis dataset: one of "
                    + String.join(", ", LAYOUTS));
        }
        if (prefix.isEmpty()) {
            context.problem(map.line(), map.child(DatasetKeys.KEY_PREFIX.name()), "is required on a redis dataset, e.g. 'customer:'");
        }
        if (parsed.isEmpty() || prefix.isEmpty()) {
            return null;
        }
        return new RedisKeyspace(parsed.get(), prefix.get().value());
    }
}
