package io.headwater.connectors.redis;

import io.headwater.engine.model.RedisKeyspace;

/**
 * The Redis keys Headwater keeps beside a dataset's records, all under {@code <prefix>__hw:} so they
 * sit in the dataset's own namespace (a user who removes {@code customer:*} removes them too) and
 * never collide with a record: a record key whose text starts with {@value #RESERVED} is refused by
 * the sink, and readers skip every key under {@code <prefix>__hw:}.
 * <ul>
 * <li>{@code <prefix>__hw:checkpoint}: the log position the records hold (a string);</li>
 * <li>{@code <prefix>__hw:generation}: the counter that numbers rebuild shadows;</li>
 * <li>{@code <prefix>__hw:shadow}: the number of the shadow a rebuild writes, while one exists;</li>
 * <li>{@code <prefix>__hw:g<n>:}: the prefix of shadow {@code n}'s records, and its own checkpoint
 *     at {@code <prefix>__hw:g<n>:__hw:checkpoint};</li>
 * <li>{@code <prefix>__hw:swap}: present only while a shadow is being swapped in ({@code delete:<n>} or
 *     {@code rename:<n>}, the step reached), so an interrupted swap is finished on the next open.</li>
 * </ul>
 * Immutable.
 *
 * @param prefix the prefix of the records these names serve (a dataset's, or a shadow's)
 */
record RedisNames(String prefix) {
    /** What a record key may not start with: it marks Headwater's own keys. */
    static final String RESERVED = "__hw:";

    static RedisNames of(RedisKeyspace keyspace) {
        return new RedisNames(keyspace.keyPrefix());
    }

    /** The prefix of every key that is not a record. */
    String reserved() {
        return prefix + RESERVED;
    }

    /** Whether {@code redisKey} (which starts with the prefix) is one of Headwater's own keys, not a record. */
    boolean isReserved(String redisKey) {
        return redisKey.startsWith(reserved());
    }

    String checkpoint() {
        return reserved() + "checkpoint";
    }

    String generationCounter() {
        return reserved() + "generation";
    }

    String shadowPointer() {
        return reserved() + "shadow";
    }

    String swapMarker() {
        return reserved() + "swap";
    }

    /** The prefix of shadow generation {@code n}'s records. */
    String shadowPrefix(long n) {
        return reserved() + "g" + n + ":";
    }

    /** The glob of every shadow generation's keys (for discarding leftovers of any), not matching the generation counter. */
    String allShadowsPattern() {
        return glob(reserved() + "g") + "[0-9]*";
    }

    /** The glob of every key under the prefix. */
    String everyKeyPattern() {
        return glob(prefix) + "*";
    }

    /** {@code text} with Redis glob characters escaped. */
    static String glob(String text) {
        StringBuilder sb = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
