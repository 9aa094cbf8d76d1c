package io.headwater.engine.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.engine.integrity.Fixtures.KeyKind;
import io.headwater.engine.model.Row;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReaderVerifySideTest {
    private static final KeyKind KIND = KeyKind.STRING;
    private static final FingerprintAlgorithm ALG = FingerprintAlgorithm.XXH3_64;

    private static List<Row> sortedRows(int n, long seed) {
        List<Row> rows = new ArrayList<>(Fixtures.randomRows(KIND, n, new Random(seed)));
        rows.sort(KIND.order());
        return rows;
    }

    private static ListReader reader(List<Row> rows) {
        return new ListReader(KIND.keyFields, KIND.form().fields(), rows);
    }

    private static ReaderVerifySide side(ListReader reader) {
        return new ReaderVerifySide(reader, KIND.form().fields());
    }

    @Test
    void computesTheChecksumsOfAllRangesInOnePass() {
        List<Row> rows = sortedRows(1_000, 1L);
        ListReader reader = reader(rows);
        RowsVerifySide reference = Fixtures.side("ref", KIND, rows, false);
        List<KeyRange> ranges = new ArrayList<>(io.headwater.engine.integrity.internal.Ranges.split(KeyRange.ALL, reference.splitPoints(10),
                KIND.order()));
        Collections.reverse(ranges);

        List<SegmentChecksum> sums = side(reader).checksums(ranges, ALG);

        assertThat(sums).isEqualTo(reference.checksums(ranges, ALG));
        assertThat(sums.stream().mapToLong(SegmentChecksum::count).sum()).isEqualTo(1_000);
        assertThat(reader.scans).isEqualTo(1);
    }

    @Test
    void scansRangesInKeyOrderAndStopsOncePastTheLast() {
        List<Row> rows = sortedRows(1_000, 2L);
        ListReader reader = reader(rows);
        RowsVerifySide reference = Fixtures.side("ref", KIND, rows, false);
        List<Row> points = reference.splitPoints(10);
        List<KeyRange> ranges = List.of(new KeyRange(points.get(0), points.get(1)), new KeyRange(points.get(2), points.get(3)));
        List<FingerprintedRow> fromReader = new ArrayList<>();
        List<FingerprintedRow> expected = new ArrayList<>();

        side(reader).scanRanges(ranges, ALG, true, fromReader::add);
        reference.scanRanges(ranges, ALG, true, expected::add);

        assertThat(fromReader).hasSize(200).isEqualTo(expected);
        assertThat(reader.delivered).isEqualTo(401);
        assertThat(reader.scans).isEqualTo(1);
    }

    @Test
    void splitsIntoPartsOfSimilarSize() {
        List<Row> rows = sortedRows(1_000, 3L);
        ReaderVerifySide side = side(reader(rows));
        List<Row> keys = rows.stream().map(Fixtures.keyOf(KIND)).toList();
        assertThat(side.splitPoints(4)).containsExactly(keys.get(250), keys.get(500), keys.get(750));
        assertThat(side.splitPoints(new KeyRange(keys.get(100), keys.get(200)), 2)).containsExactly(keys.get(150));
        assertThat(side(reader(List.of())).splitPoints(4)).isEmpty();
    }

    @Test
    void findsEveryDifferenceAgainstAnotherSide() {
        Scenario s = Scenario.of(KIND, 5_000, 60, 4L);
        ListReader reader = reader(s.derived);
        List<Finding> all = new ArrayList<>();
        VerificationResult result = new Verifier(VerifyOptions.defaults()).withFindingSink(all::add)
                .verify(s.sourceSide(false), side(reader));
        s.assertFoundExactly(all, result);
        assertThat(reader.scans).isEqualTo(1);
    }

    @Test
    void readsAReaderSideOnceEvenWhenTheOtherSidePushesDown() {
        Scenario s = Scenario.of(KIND, 5_000, 3, 5L);
        ListReader reader = reader(s.derived);
        List<Finding> all = new ArrayList<>();
        VerificationResult result = new Verifier(VerifyOptions.defaults().withLeafSize(20)).withFindingSink(all::add)
                .verify(s.sourceSide(true), side(reader));
        s.assertFoundExactly(all, result);
        // a side that must be read in full is read once: one streaming merge, no bisection
        assertThat(result.segmentsSplit()).isZero();
        assertThat(reader.scans).isEqualTo(1);
    }

    @Test
    void refusesAReaderThatDoesNotScanInKeyOrder() {
        List<Row> rows = new ArrayList<>(sortedRows(100, 6L));
        Collections.swap(rows, 10, 20);
        RowsVerifySide source = Fixtures.side("source", KIND, rows, false);
        assertThatThrownBy(() -> new Verifier(VerifyOptions.defaults()).verify(source, side(reader(rows))))
                .isInstanceOf(VerificationException.class).hasMessageContaining("key order");
    }

    @Test
    void looksUpOneKeyAndClosesTheReader() {
        List<Row> rows = sortedRows(50, 7L);
        ListReader reader = reader(rows);
        ReaderVerifySide side = side(reader);
        Row key = Fixtures.keyOf(KIND).apply(rows.get(17));
        assertThat(side.lookup(key, ALG)).hasValueSatisfying(r -> {
            assertThat(r.key()).isEqualTo(key);
            assertThat(r.values().get("name")).isEqualTo(rows.get(17).get("name"));
            assertThat(r.fingerprint()).isEqualTo(ALG.fingerprint(KIND.form().text(rows.get(17))));
        });
        assertThat(side.describe()).isEqualTo("lucene.customers");
        side.close();
        assertThat(reader.closed).isTrue();
    }
}
