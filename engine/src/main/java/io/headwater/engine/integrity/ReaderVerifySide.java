package io.headwater.engine.integrity;

import io.headwater.engine.integrity.internal.Fingerprinter;
import io.headwater.engine.integrity.internal.RangeCursor;
import io.headwater.engine.integrity.internal.Ranges;
import io.headwater.engine.integrity.internal.StoppableScan;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.VerifySide;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * A verification side over any {@link DatasetReader} whose records are already in the compared
 * form (a Lucene index, an MVStore map, a blob store, an H2 table read without push-down). Every
 * operation is one pass over the reader's key-ordered scan, stopped as soon as it is past the
 * ranges asked for: the checksums of all of a level's segments, and all ranges of a merge, each
 * cost one pass. Checks that the reader really scans in key order. Closing the side closes the
 * reader. As thread-safe as the reader.
 */
public final class ReaderVerifySide implements VerifySide {
    private final String description;
    private final DatasetReader reader;
    private final CanonicalForm form;
    private final KeyOrder keyOrder;
    private final Fingerprinter fingerprinter;

    /** A side over the reader, comparing these fields, described by the dataset's name. */
    public ReaderVerifySide(DatasetReader reader, List<Field> comparedFields) {
        this(reader.dataset().ref().toString(), reader, comparedFields);
    }

    /** A side over the reader, comparing these fields. */
    public ReaderVerifySide(String description, DatasetReader reader, List<Field> comparedFields) {
        this.description = Objects.requireNonNull(description, "description");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.form = new CanonicalForm(comparedFields);
        this.keyOrder = new KeyOrder(reader.dataset().keyFields());
        this.fingerprinter = new Fingerprinter(form, keyOrder);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public CanonicalForm form() {
        return form;
    }

    @Override
    public KeyOrder keyOrder() {
        return keyOrder;
    }

    /** Never: checksums are computed here, from a scan. */
    @Override
    public boolean pushesDown() {
        return false;
    }

    @Override
    public long count() {
        return reader.count();
    }

    /** Every k-th key of one pass, k = count / n. */
    @Override
    public List<Row> splitPoints(int n) {
        long count = reader.count();
        if (n < 2 || count < 2) {
            return List.of();
        }
        int parts = (int) Math.min(n, count);
        List<Row> points = new ArrayList<>(parts - 1);
        long[] index = {0};
        StoppableScan.scan(reader, row -> {
            long i = index[0]++;
            if (i > 0 && i == (long) (points.size() + 1) * count / parts) {
                points.add(fingerprinter.key(row));
            }
            return points.size() < parts - 1;
        });
        return points;
    }

    @Override
    public List<Row> splitPoints(KeyRange range, int n) {
        List<Row> keys = new ArrayList<>();
        scan(range, FingerprintAlgorithm.XXH3_64, false, r -> keys.add(r.key()));
        int parts = Math.min(n, keys.size());
        return IntStream.range(1, Math.max(parts, 1)).mapToObj(i -> keys.get((int) ((long) i * keys.size() / parts))).toList();
    }

    /** All ranges in one pass. */
    @Override
    public List<SegmentChecksum> checksums(List<KeyRange> ranges, FingerprintAlgorithm algorithm) {
        long[] counts = new long[ranges.size()];
        long[] sums = new long[ranges.size()];
        if (ranges.isEmpty()) {
            return List.of();
        }
        Integer[] byFrom = IntStream.range(0, ranges.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(byFrom, Comparator.comparing(i -> ranges.get(i).from(), Comparator.nullsFirst(keyOrder)));
        List<KeyRange> sorted = Arrays.stream(byFrom).map(ranges::get).toList();
        if (!Ranges.ascendingAndDisjoint(sorted, keyOrder)) {
            throw new IllegalArgumentException("checksum ranges overlap: " + ranges);
        }
        RangeCursor cursor = new RangeCursor(sorted, keyOrder);
        scanInOrder((key, row) -> {
            int i = cursor.indexOf(key);
            if (i >= 0) {
                counts[byFrom[i]]++;
                sums[byFrom[i]] += algorithm.fingerprint(form.text(row));
            }
            return !cursor.pastEnd(key);
        });
        return IntStream.range(0, ranges.size()).mapToObj(i -> new SegmentChecksum(counts[i], sums[i])).toList();
    }

    @Override
    public void scan(KeyRange range, FingerprintAlgorithm algorithm, boolean withValues, Consumer<FingerprintedRow> sink) {
        scanRanges(List.of(range), algorithm, withValues, sink);
    }

    /** All ranges in one pass. */
    @Override
    public void scanRanges(List<KeyRange> ranges, FingerprintAlgorithm algorithm, boolean withValues, Consumer<FingerprintedRow> sink) {
        if (ranges.isEmpty()) {
            return;
        }
        RangeCursor cursor = new RangeCursor(ranges, keyOrder);
        scanInOrder((key, row) -> {
            if (cursor.indexOf(key) >= 0) {
                sink.accept(fingerprinter.of(key, row, algorithm, withValues));
            }
            return !cursor.pastEnd(key);
        });
    }

    @Override
    public Optional<FingerprintedRow> lookup(Row key, FingerprintAlgorithm algorithm) {
        return reader.lookup(key).map(row -> fingerprinter.of(row, algorithm, true));
    }

    /** Scans from the start, checking key order, until the visitor (given key and record) says stop. */
    private void scanInOrder(BiPredicate<Row, Row> visitor) {
        Row[] previous = {null};
        StoppableScan.scan(reader, row -> {
            Row key = fingerprinter.key(row);
            if (previous[0] != null && keyOrder.compare(previous[0], key) >= 0) {
                throw new VerificationException(description + " does not scan in key order: " + key + " came after " + previous[0]);
            }
            previous[0] = key;
            return visitor.test(key, row);
        });
    }

    @Override
    public void close() {
        reader.close();
    }
}
