package io.headwater.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of duration parsing, checked on many generated cases. The cases come from a fixed
 * seed, so a failure names a case that fails again on the next run.
 */
class FieldTagPropertiesTest {
    private static final Map<String, Duration> UNITS = Map.of(
            "ms", Duration.ofMillis(1), "s", Duration.ofSeconds(1), "m", Duration.ofMinutes(1), "min", Duration.ofMinutes(1),
            "h", Duration.ofHours(1), "d", Duration.ofDays(1), "w", Duration.ofDays(7), "y", Duration.ofDays(365));
    private static final List<String> UNIT_NAMES = UNITS.keySet().stream().sorted().toList();

    static Stream<Object[]> numbersWithUnits() {
        Random r = new Random(20261125L);
        return IntStream.range(0, 300).mapToObj(i -> new Object[] {r.nextInt(100_001), UNIT_NAMES.get(r.nextInt(UNIT_NAMES.size()))});
    }

    static Stream<Object[]> numbersWithRandomWords() {
        Random r = new Random(7L);
        return IntStream.range(0, 300).mapToObj(i -> {
            StringBuilder word = new StringBuilder();
            int len = 1 + r.nextInt(4);
            for (int k = 0; k < len; k++) {
                char c = (char) ((r.nextBoolean() ? 'a' : 'A') + r.nextInt(26));
                word.append(c);
            }
            return new Object[] {r.nextInt(1001), word.toString()};
        });
    }

    @ParameterizedTest(name = "{0}{1}")
    @MethodSource("numbersWithUnits")
    void parsesNumberWithUnitAsThatManyUnits(int n, String unit) {
        assertThat(FieldTag.parseDuration(n + unit)).contains(UNITS.get(unit).multipliedBy(n));
    }

    @ParameterizedTest(name = "P{0}D")
    @MethodSource("numbersWithUnits")
    void parsesIsoDaysLikeShortDays(int n, String ignored) {
        assertThat(FieldTag.parseDuration("P" + n + "D")).isEqualTo(FieldTag.parseDuration(n + "d"));
    }

    @ParameterizedTest(name = "{0}{1}")
    @MethodSource("numbersWithRandomWords")
    void rejectsUnknownUnits(int n, String unit) {
        if (!UNITS.containsKey(unit)) {
            assertThat(FieldTag.parseDuration(n + unit)).isEmpty();
        } else {
            assertThat(FieldTag.parseDuration(n + unit)).isPresent();
        }
    }
}
