package io.headwater.engine.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.integrity.Fixtures.KeyKind;
import io.headwater.engine.model.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RowsVerifySideTest {
    private static final KeyKind KIND = KeyKind.INTEGER;
    private static final FingerprintAlgorithm ALG = FingerprintAlgorithm.XXH3_64;

    private static List<Long> keys(RowsVerifySide side, KeyRange range) {
        List<Long> keys = new ArrayList<>();
        side.scan(range, ALG, false, r -> keys.add((Long) r.key().get("id")));
        return keys;
    }

    private static Row row(long id, String name) {
        return Fixtures.with(Fixtures.withValues(Row.of("id", id), new Random(id)), "name", name);
    }

    @Test
    void sortsItsRecordsAndKeepsTheLaterOfTwoWithOneKey() {
        RowsVerifySide side = Fixtures.side("s", KIND, List.of(row(3, "a"), row(1, "b"), row(2, "c"), row(1, "d")), false);
        assertThat(keys(side, KeyRange.ALL)).containsExactly(1L, 2L, 3L);
        assertThat(side.lookup(Row.of("id", 1L), ALG)).hasValueSatisfying(r -> assertThat(r.values().get("name")).isEqualTo("d"));
        assertThat(side.count()).isEqualTo(3);
    }

    @Test
    void scansHalfOpenRanges() {
        List<Row> rows = new ArrayList<>();
        for (long id = 0; id < 10; id++) {
            rows.add(row(id, "n" + id));
        }
        RowsVerifySide side = Fixtures.side("s", KIND, rows, false);
        assertThat(keys(side, new KeyRange(Row.of("id", 3L), Row.of("id", 6L)))).containsExactly(3L, 4L, 5L);
        assertThat(keys(side, new KeyRange(null, Row.of("id", 2L)))).containsExactly(0L, 1L);
        assertThat(keys(side, new KeyRange(Row.of("id", 8L), null))).containsExactly(8L, 9L);
        assertThat(side.splitPoints(new KeyRange(Row.of("id", 2L), Row.of("id", 8L)), 3)).containsExactly(Row.of("id", 4L), Row.of("id", 6L));
        assertThat(side.checksums(List.of(new KeyRange(Row.of("id", 5L), Row.of("id", 5L))), ALG)).containsExactly(SegmentChecksum.EMPTY);
    }

    @Test
    void putsAndRemovesRecordsWithoutDisturbingAScanThatStarted() {
        RowsVerifySide side = Fixtures.side("s", KIND, List.of(row(1, "a"), row(5, "b")), false);
        List<Long> seen = new ArrayList<>();
        side.scan(KeyRange.ALL, ALG, false, r -> {
            seen.add((Long) r.key().get("id"));
            side.put(row(3, "c"));
            side.remove(Row.of("id", 5L));
        });
        assertThat(seen).containsExactly(1L, 5L);
        assertThat(keys(side, KeyRange.ALL)).containsExactly(1L, 3L);
        assertThat(side.remove(Row.of("id", 42L))).isFalse();
    }

    @Test
    void hashesTheDocumentedMerkleLeafText() {
        KeyRange range = new KeyRange(Row.of("id", 5L), null);
        String text = MerkleRoot.leafText(range, new SegmentChecksum(2, -1L), KIND.order());
        assertThat(text).isEqualTo("hw1-segment|5|\\+inf|2|18446744073709551615");
        String one = MerkleRoot.of(List.of(range), List.of(new SegmentChecksum(2, -1L)), KIND.order());
        assertThat(one).isEqualTo(java.util.HexFormat.of().formatHex(
                FingerprintAlgorithm.sha256(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }
}
