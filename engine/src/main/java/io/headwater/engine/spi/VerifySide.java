package io.headwater.engine.spi;

import io.headwater.engine.integrity.CanonicalForm;
import io.headwater.engine.integrity.FingerprintAlgorithm;
import io.headwater.engine.integrity.FingerprintedRow;
import io.headwater.engine.integrity.KeyOrder;
import io.headwater.engine.integrity.KeyRange;
import io.headwater.engine.integrity.SegmentChecksum;
import io.headwater.engine.model.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One side of a verification: a dataset seen through the canonical form of the compared (target)
 * fields. For the system of record this is the source table with the flows' mappings applied (or
 * an aggregate recomputed); for a derived store it is the store as it is. Implementations say
 * whether they are thread-safe; the verifier uses each side from one thread at a time, though a
 * scan may run on a verifier thread of its own (so that two sides can stream side by side).
 */
public interface VerifySide extends AutoCloseable {
    /** What this side is, for messages: {@code pg.customers (lower(email))}. */
    String describe();

    /** The compared fields, with their logical types, in canonical order. */
    CanonicalForm form();

    /** The key order both sides are scanned in. */
    KeyOrder keyOrder();

    /** Whether {@link #checksums} is computed where the data lives (SQL), so only checksums travel. */
    boolean pushesDown();

    /**
     * The algorithms whose checksums this side computes where the data lives, fastest first. The
     * verifier pushes down the first one both sides share. The default: {@link
     * FingerprintAlgorithm#SHA256_64} when the side pushes down at all.
     */
    default List<FingerprintAlgorithm> pushedDownAlgorithms() {
        return pushesDown() ? List.of(FingerprintAlgorithm.SHA256_64) : List.of();
    }

    /** The number of records. */
    long count();

    /**
     * Up to {@code n - 1} keys that split this side into about {@code n} ranges of similar size,
     * ascending. Empty when the side is empty or small. The built-in sides take the keys at
     * positions {@code i * count / n} (0-based, i = 1..n-1); a source that does the same gets the
     * same top-level segments, hence the same audit Merkle root, whatever reads it.
     */
    List<Row> splitPoints(int n);

    /** The checksum of each range, in the order given. */
    List<SegmentChecksum> checksums(List<KeyRange> ranges, FingerprintAlgorithm algorithm);

    /**
     * Streams the records of a range in key order. With {@code withValues}, each carries the
     * compared fields' values; otherwise only key and fingerprint.
     */
    void scan(KeyRange range, FingerprintAlgorithm algorithm, boolean withValues, Consumer<FingerprintedRow> sink);

    /**
     * Up to {@code n - 1} keys inside {@code range} (strictly above its lower bound) that split it
     * into about {@code n} ranges of similar size, ascending; empty when the range holds fewer than
     * two records. The default reads the range's keys in one scan; a side that can do better (SQL
     * with {@code row_number()}) overrides it.
     */
    default List<Row> splitPoints(KeyRange range, int n) {
        List<Row> keys = new ArrayList<>();
        scan(range, FingerprintAlgorithm.XXH3_64, false, r -> keys.add(r.key()));
        int parts = Math.min(n, keys.size());
        List<Row> points = new ArrayList<>();
        for (int i = 1; i < parts; i++) {
            points.add(keys.get((int) ((long) i * keys.size() / parts)));
        }
        return points;
    }

    /**
     * Streams the records of several ranges, which are ascending and disjoint, so the whole stream is
     * in key order. The default scans range by range; a side that reads everything in one pass
     * anyway (a local store) overrides it to make one pass.
     */
    default void scanRanges(List<KeyRange> ranges, FingerprintAlgorithm algorithm, boolean withValues, Consumer<FingerprintedRow> sink) {
        for (KeyRange r : ranges) {
            scan(r, algorithm, withValues, sink);
        }
    }

    /**
     * The record with this key, with its values, if present. The default scans the one-key range
     * {@link KeyRange#exactly}; a side with an index overrides it.
     */
    default Optional<FingerprintedRow> lookup(Row key, FingerprintAlgorithm algorithm) {
        KeyOrder order = keyOrder();
        FingerprintedRow[] found = new FingerprintedRow[1];
        scan(KeyRange.exactly(key, order), algorithm, true, r -> {
            if (found[0] == null && order.compare(r.key(), key) == 0) {
                found[0] = r;
            }
        });
        return Optional.ofNullable(found[0]);
    }

    @Override
    void close();
}
