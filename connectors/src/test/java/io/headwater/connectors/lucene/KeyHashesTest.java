package io.headwater.connectors.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyHashesTest {
    /** Against a HashSet of the same keys, through several growths: a new key is always reported new, a repeated one never. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void answersLikeASetOfTheKeysItWasGiven(long seed) {
        Random random = new Random(seed);
        KeyHashes hashes = new KeyHashes();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 300_000; i++) {
            String key = Integer.toString(random.nextInt(200_000));
            assertThat(hashes.addIfAbsent(key)).as("key %s", key).isEqualTo(seen.add(key));
        }
    }
}
