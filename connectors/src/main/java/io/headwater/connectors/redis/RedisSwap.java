package io.headwater.connectors.redis;

import io.headwater.engine.StoreException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Swaps a rebuilt shadow generation in for a Redis dataset's live keys. Redis has no alias to move,
 * so readers keep reading {@code <prefix><key>} and the shadow's keys are moved there, in steps:
 * <ol>
 * <li>{@code <prefix>__hw:swap} is set to {@code delete:<n>};</li>
 * <li>every live key the shadow lacks is deleted ({@code SCAN} the live keys, {@code EXISTS} their
 *     shadow counterparts pipelined, {@code UNLINK} those absent, in batches of 1000);</li>
 * <li>the marker becomes {@code rename:<n>}, and every shadow key is renamed over its live key
 *     ({@code RENAME}, pipelined in batches of 1000; a key's expiry moves with it);</li>
 * <li>in one {@code MULTI}/{@code EXEC}: the shadow's checkpoint becomes the live checkpoint, and the
 *     shadow's checkpoint, registration and the marker are deleted.</li>
 * </ol>
 * Each {@code RENAME} is atomic: a reader sees a key's old value or its new one, and a key that both
 * generations hold is never absent. The swap as a whole is not atomic: while it runs, a reader sees
 * some keys rebuilt and others not yet, and the deleted keys gone before the renamed ones arrive.
 * A swap interrupted by a crash or an outage is finished from the step its marker names the next
 * time the sink opens ({@link #finishInterrupted}); the shadow had been verified before it began.
 * Stateless; callers hold the live sink's lock.
 */
final class RedisSwap {
    private static final Logger LOG = LoggerFactory.getLogger(RedisSwap.class);
    private static final String DELETE = "delete:";
    private static final String RENAME = "rename:";

    private RedisSwap() {
    }

    /** The generation of the registered shadow; a new one (registered) when there is none and {@code create}; -1 otherwise. */
    static long shadowGeneration(RedisSink live, boolean create) {
        RedisNames names = live.names();
        RedisCommands<String, String> sync = live.queries().sync();
        String registered = live.calls().call("look up the shadow " + names.shadowPointer(), () -> sync.get(names.shadowPointer()));
        if (registered != null) {
            return parse(registered, names.shadowPointer(), live);
        }
        if (!create) {
            return -1;
        }
        long next = live.calls().call("number a new shadow with INCR " + names.generationCounter(), () -> sync.incr(names.generationCounter()));
        live.calls().call("register the shadow " + names.shadowPointer(), () -> sync.set(names.shadowPointer(), Long.toString(next)));
        return next;
    }

    /** Swaps {@code shadow} in for {@code live}'s keys; see the class comment for the steps. */
    static void promote(RedisSink live, RedisSink shadow) {
        RedisNames names = live.names();
        long generation = shadowGeneration(live, false);
        if (generation < 0 || !shadow.names().prefix().equals(names.shadowPrefix(generation))) {
            throw new StoreException("Redis " + live.endpoint().address() + ": '" + shadow.names().prefix() + "' is not the registered shadow of "
                    + live.dataset().ref() + " (" + (generation < 0 ? "none is registered" : "generation " + generation + " is") + ")");
        }
        try (StatefulRedisConnection<String, String> c = live.endpoint().connect()) {
            live.calls().call("mark the swap " + names.swapMarker(), () -> c.sync().set(names.swapMarker(), DELETE + generation));
            run(live, c, generation, DELETE);
        }
    }

    /** Finishes a swap that a crash or an outage interrupted, from the step its marker names; nothing when none was under way. */
    static void finishInterrupted(RedisSink live) {
        RedisNames names = live.names();
        String marker = live.calls().call("look up an interrupted swap " + names.swapMarker(), () -> live.queries().sync().get(names.swapMarker()));
        if (marker == null) {
            return;
        }
        String step = marker.startsWith(RENAME) ? RENAME : DELETE;
        long generation = parse(marker.substring(marker.indexOf(':') + 1), names.swapMarker(), live);
        LOG.warn("Redis {}: finishing the swap of shadow generation {} into {} that was interrupted at step '{}'", live.endpoint().address(),
                generation, live.dataset().ref(), step.substring(0, step.length() - 1));
        try (StatefulRedisConnection<String, String> c = live.endpoint().connect()) {
            run(live, c, generation, step);
        }
    }

    private static void run(RedisSink live, StatefulRedisConnection<String, String> c, long generation, String step) {
        RedisNames names = live.names();
        RedisNames shadow = new RedisNames(names.shadowPrefix(generation));
        if (step.equals(DELETE)) {
            deleteKeysTheShadowLacks(live, c, shadow);
            live.calls().call("mark the swap " + names.swapMarker(), () -> c.sync().set(names.swapMarker(), RENAME + generation));
        }
        renameShadowKeys(live, c, shadow);
        finish(live, c, shadow);
    }

    private static void deleteKeysTheShadowLacks(RedisSink live, StatefulRedisConnection<String, String> c, RedisNames shadow) {
        RedisNames names = live.names();
        RedisAsyncCommands<String, String> async = c.async();
        live.calls().call("SCAN " + names.everyKeyPattern(), () -> {
            RedisKeyScan.each(c.sync(), names.everyKeyPattern(), keys -> {
                List<String> records = keys.stream().filter(k -> !names.isReserved(k)).toList();
                List<RedisFuture<Long>> exists = RedisCalls.pipelined(c, () -> {
                    List<RedisFuture<Long>> sent = new ArrayList<>(records.size());
                    for (String k : records) {
                        sent.add(async.exists(shadow.prefix() + k.substring(names.prefix().length())));
                    }
                    return sent;
                });
                List<String> absent = new ArrayList<>();
                for (int i = 0; i < records.size(); i++) {
                    if (live.calls().await("look up shadow keys", exists.get(i)) == 0) {
                        absent.add(records.get(i));
                    }
                }
                if (!absent.isEmpty()) {
                    live.calls().await("UNLINK " + absent.size() + " live keys the shadow lacks", async.unlink(absent.toArray(String[]::new)));
                }
            });
            return null;
        });
    }

    private static void renameShadowKeys(RedisSink live, StatefulRedisConnection<String, String> c, RedisNames shadow) {
        RedisNames names = live.names();
        RedisAsyncCommands<String, String> async = c.async();
        long[] renamed = {0};
        do {
            renamed[0] = 0;
            live.calls().call("SCAN " + shadow.everyKeyPattern(), () -> {
                RedisKeyScan.each(c.sync(), shadow.everyKeyPattern(), keys -> {
                    List<RedisFuture<String>> answers = RedisCalls.pipelined(c, () -> {
                        List<RedisFuture<String>> sent = new ArrayList<>(keys.size());
                        for (String k : keys) {
                            if (!shadow.isReserved(k)) {
                                sent.add(async.rename(k, names.prefix() + k.substring(shadow.prefix().length())));
                            }
                        }
                        return sent;
                    });
                    for (RedisFuture<String> a : answers) {
                        renamed[0] += renamedOne(live, a) ? 1 : 0;
                    }
                });
                return null;
            });
        } while (renamed[0] > 0);
    }

    /** Whether a RENAME moved its key; false when SCAN had delivered the key twice and it was already moved. */
    private static boolean renamedOne(RedisSink live, RedisFuture<String> answer) {
        try {
            live.calls().await("RENAME a shadow key over its live key", answer);
            return true;
        } catch (StoreException e) {
            if (e.getCause() instanceof RedisCommandExecutionException r && String.valueOf(r.getMessage()).contains("no such key")) {
                return false;
            }
            throw e;
        }
    }

    private static void finish(RedisSink live, StatefulRedisConnection<String, String> c, RedisNames shadow) {
        RedisNames names = live.names();
        String checkpoint = live.calls().call("read the shadow's checkpoint " + shadow.checkpoint(), () -> c.sync().get(shadow.checkpoint()));
        try {
            RedisAsyncCommands<String, String> async = c.async();
            async.multi();
            if (checkpoint != null) {
                async.set(names.checkpoint(), checkpoint);
            } else {
                async.del(names.checkpoint());
            }
            async.del(shadow.checkpoint(), names.shadowPointer(), names.swapMarker());
            TransactionResult result = live.calls().await("move the checkpoint to " + names.checkpoint(), async.exec());
            if (result.wasDiscarded()) {
                throw new StoreException("Redis " + live.endpoint().address() + " discarded the last step of the swap into " + live.dataset().ref());
            }
        } catch (RedisException e) {
            throw live.calls().failure("move the checkpoint to " + names.checkpoint(), e);
        }
    }

    /** Deletes the registration of the shadow, then every key of every shadow generation, in batches. */
    static void discardShadows(RedisSink live) {
        RedisNames names = live.names();
        try (StatefulRedisConnection<String, String> c = live.endpoint().connect()) {
            live.calls().call("forget the shadow " + names.shadowPointer(), () -> c.sync().del(names.shadowPointer()));
            live.calls().call("SCAN " + names.allShadowsPattern(), () -> {
                RedisKeyScan.each(c.sync(), names.allShadowsPattern(), keys -> {
                    if (!keys.isEmpty()) {
                        live.calls().await("UNLINK " + keys.size() + " shadow keys", c.async().unlink(keys.toArray(String[]::new)));
                    }
                });
                return null;
            });
        }
    }

    private static long parse(String text, String key, RedisSink live) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new StoreException("Redis " + live.endpoint().address() + ": key " + key + " holds '" + text
                    + "', not a shadow generation number; delete it to let Headwater manage the shadow again", e);
        }
    }
}
