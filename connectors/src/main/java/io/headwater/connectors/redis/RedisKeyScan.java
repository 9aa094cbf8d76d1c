package io.headwater.connectors.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.function.Consumer;

/**
 * Walks the keys matching a glob with {@code SCAN MATCH pattern COUNT 1000}, one answer at a time, so
 * memory stays bounded by one answer. As SCAN does, a key may be delivered twice, and a key added or
 * removed during the walk may or may not be; a key present throughout is delivered. Lettuce
 * failures pass through to the caller, which wraps them with its context. Stateless.
 */
final class RedisKeyScan {
    static final int COUNT = 1000;

    private RedisKeyScan() {
    }

    /** Calls {@code answer} with the keys of each SCAN answer, until the cursor is finished. */
    static void each(RedisCommands<String, String> sync, String pattern, Consumer<List<String>> answer) {
        ScanArgs args = ScanArgs.Builder.matches(pattern).limit(COUNT);
        KeyScanCursor<String> cursor = sync.scan(args);
        answer.accept(cursor.getKeys());
        while (!cursor.isFinished()) {
            cursor = sync.scan(cursor, args);
            answer.accept(cursor.getKeys());
        }
    }
}
