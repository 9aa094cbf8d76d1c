package io.headwater.connectors.mvstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.engine.model.Row;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CodecTest {

    @Test
    void rowCodecGivesBackEveryTypeExactly() {
        Row row = Row.of("l", 42L, "d", new BigDecimal("12.50"), "f", 0.1d, "s", "é\u0000x", "t", true, "b", false,
                "ts", Instant.parse("2024-01-02T03:04:05.123456789Z"), "day", LocalDate.of(2024, 2, 29), "u", UUID.randomUUID(),
                "bytes", new byte[] {0, -1, 7}, "n", null);
        Row back = RowCodec.decode(RowCodec.encode(row));
        assertThat(back).isEqualTo(row);
        assertThat(((BigDecimal) back.get("d")).scale()).isEqualTo(2);
        assertThat(back.fields()).containsExactlyElementsOf(row.fields());
    }

    @Test
    void rowCodecWidensIntegersToLongs() {
        assertThat(RowCodec.decode(RowCodec.encode(Row.of("i", 7))).get("i")).isEqualTo(7L);
    }

    @Test
    void rowCodecRejectsTruncatedData() {
        byte[] data = RowCodec.encode(Row.of("s", "hello world"));
        assertThatThrownBy(() -> RowCodec.decode(Arrays.copyOf(data, data.length - 3))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sortableKeysOrderLikeTheirValues() {
        List<Row> ordered = List.of(Row.of("r", "", "n", 1L), Row.of("r", "a", "n", Long.MIN_VALUE), Row.of("r", "a", "n", -1L),
                Row.of("r", "a", "n", 0L), Row.of("r", "a", "n", 9L), Row.of("r", "a", "n", 10L), Row.of("r", "a\u0000", "n", 0L),
                Row.of("r", "ab", "n", 0L), Row.of("r", "b", "n", 0L), Row.of("r", "é", "n", 0L));
        List<byte[]> keys = new ArrayList<>(ordered.stream().map(KeyCodec::sortable).toList());
        for (int i = 1; i < keys.size(); i++) {
            assertThat(Arrays.compareUnsigned(keys.get(i - 1), keys.get(i))).as("%s < %s", ordered.get(i - 1), ordered.get(i)).isNegative();
        }
    }

    @Test
    void sortableDatesAndUuidsOrderLikeTheDatabases() {
        assertThat(Arrays.compareUnsigned(KeyCodec.sortable(Row.of("d", LocalDate.of(1969, 12, 31))),
                KeyCodec.sortable(Row.of("d", LocalDate.of(1970, 1, 1))))).isNegative();
        assertThat(Arrays.compareUnsigned(KeyCodec.sortable(Row.of("u", new UUID(1, 0))),
                KeyCodec.sortable(Row.of("u", new UUID(-1, 0))))).isNegative();
    }

    @Test
    void keyTextJoinsCompositeKeysUnambiguously() {
        assertThat(KeyCodec.text(Row.of("a", "x|y", "b", 1L))).isEqualTo("x\\|y|1");
        assertThat(KeyCodec.text(Row.of("a", "x", "b", "y|1"))).isNotEqualTo(KeyCodec.text(Row.of("a", "x|y", "b", "1")));
        assertThat(KeyCodec.text(Row.of("a", "", "b", null))).isEqualTo("|\\0");
        assertThat(KeyCodec.text(Row.of("id", 5))).isEqualTo(KeyCodec.text(Row.of("id", 5L)));
    }
}
