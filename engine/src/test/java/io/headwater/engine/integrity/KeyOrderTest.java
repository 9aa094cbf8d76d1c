package io.headwater.engine.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.integrity.Fixtures.KeyKind;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class KeyOrderTest {
    private static final KeyOrder BY_UUID = new KeyOrder(List.of(new Field("u", FieldType.UUID)));
    private static final KeyOrder BY_TEXT = new KeyOrder(List.of(new Field("s", FieldType.STRING)));
    private static final KeyOrder BY_ID = new KeyOrder(List.of(new Field("id", FieldType.INTEGER)));

    @Test
    void ordersUuidsAsUnsignedNumbers() {
        Row low = Row.of("u", UUID.fromString("7fffffff-ffff-ffff-ffff-ffffffffffff"));
        Row high = Row.of("u", UUID.fromString("80000000-0000-0000-0000-000000000000"));
        assertThat(BY_UUID.compare(low, high)).isNegative();
        assertThat(BY_UUID.compare(high, Row.of("u", "80000000-0000-0000-0000-000000000000"))).isZero();
    }

    @Test
    void ordersStringsByCodePointLikeUtf8Bytes() {
        // UTF-16 would put U+FFFD after U+1F600's surrogates; code points (and UTF-8) put it before.
        assertThat(BY_TEXT.compare(Row.of("s", "\uFFFD"), Row.of("s", "😀"))).isNegative();
        assertThat(BY_TEXT.compare(Row.of("s", "Z"), Row.of("s", "a"))).isNegative();
        assertThat(BY_TEXT.compare(Row.of("s", "a"), Row.of("s", "a\0"))).isNegative();
    }

    @Test
    void comparesIntegerKeysGivenInOtherRepresentationsByValue() {
        assertThat(BY_ID.compare(Row.of("id", 10), Row.of("id", 9L))).isPositive();
        assertThat(BY_ID.compare(Row.of("id", "10"), Row.of("id", 9L))).isPositive();
        assertThat(BY_ID.compare(Row.of("id", 10), Row.of("id", 10L))).isZero();
        assertThat(BY_ID.compare(Row.of("id", null), Row.of("id", Long.MIN_VALUE))).isNegative();
    }

    static Stream<Object[]> keysOfEveryKind() {
        Random r = new Random(99L);
        return Stream.of(KeyKind.values()).flatMap(k -> IntStream.range(0, 8).mapToObj(i -> new Object[] {k, r.nextLong()}));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("keysOfEveryKind")
    void findsExactlyOneKeyInItsOneKeyRange(KeyKind kind, long seed) {
        List<Row> rows = new java.util.ArrayList<>(Fixtures.randomRows(kind, 300, new Random(seed)));
        rows.sort(kind.order());
        RowsVerifySide side = Fixtures.side("s", kind, rows, false);
        // FailingSide does not override lookup, so this is VerifySide's default: a scan of KeyRange.exactly
        FailingSide viaScan = new FailingSide(side, Long.MAX_VALUE, false);
        Row key = Fixtures.keyOf(kind).apply(rows.get(new Random(seed).nextInt(rows.size())));
        List<FingerprintedRow> inRange = new java.util.ArrayList<>();
        side.scan(KeyRange.exactly(key, kind.order()), FingerprintAlgorithm.XXH3_64, false, inRange::add);
        assertThat(inRange).extracting(FingerprintedRow::key).containsExactly(key);
        assertThat(viaScan.lookup(key, FingerprintAlgorithm.XXH3_64)).isEqualTo(side.lookup(key, FingerprintAlgorithm.XXH3_64));
    }

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    void findsNothingForAnAbsentKey(KeyKind kind) {
        List<Row> rows = new java.util.ArrayList<>(Fixtures.randomRows(kind, 301, new Random(5L)));
        Row absent = Fixtures.keyOf(kind).apply(rows.remove(300));
        FailingSide viaScan = new FailingSide(Fixtures.side("s", kind, rows, false), Long.MAX_VALUE, false);
        assertThat(viaScan.lookup(absent, FingerprintAlgorithm.XXH3_64)).isEmpty();
    }

    @Test
    void boundsTheLargestValuesFromBelowOnly() {
        assertThat(KeyRange.exactly(Row.of("id", Long.MAX_VALUE), BY_ID).to()).isNull();
        assertThat(KeyRange.exactly(Row.of("u", new UUID(-1L, -1L)), BY_UUID).to()).isNull();
        assertThat(KeyRange.exactly(Row.of("u", new UUID(0L, -1L)), BY_UUID).to()).isEqualTo(Row.of("u", new UUID(1L, 0L)));
    }
}
