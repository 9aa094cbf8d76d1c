package io.headwater.engine.integrity;

import io.headwater.engine.integrity.internal.Fingerprinter;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.VerifySide;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A verification side over records held in memory: a compacted topic read into memory, an
 * aggregate recomputed from the source, or test data. Records are kept sorted by key (of two with
 * one key, the later wins, as in a compacted log); fingerprints are computed as records are read.
 * <p>Thread-safe: {@link #put} and {@link #remove} replace the whole snapshot (copy on write,
 * O(n) each), and a scan sees the snapshot of its start.
 */
public final class RowsVerifySide implements VerifySide {
    private record Entry(Row key, Row values) {
    }

    private final String description;
    private final CanonicalForm form;
    private final KeyOrder keyOrder;
    private final boolean pushesDown;
    private final Fingerprinter fingerprinter;
    private volatile Entry[] entries;

    /** A side over these records (each holding the key fields and the compared fields). */
    public RowsVerifySide(String description, CanonicalForm form, KeyOrder keyOrder, Collection<Row> rows) {
        this(description, form, keyOrder, rows, false);
    }

    /**
     * A side over these records that may claim to push its checksums down, so the verifier bisects
     * as it would against SQL (for tests and for sides that hold precomputed checksums).
     */
    public RowsVerifySide(String description, CanonicalForm form, KeyOrder keyOrder, Collection<Row> rows, boolean pushesDown) {
        this.description = Objects.requireNonNull(description, "description");
        this.form = Objects.requireNonNull(form, "form");
        this.keyOrder = Objects.requireNonNull(keyOrder, "keyOrder");
        this.pushesDown = pushesDown;
        this.fingerprinter = new Fingerprinter(form, keyOrder);
        this.entries = sorted(rows);
    }

    private Entry[] sorted(Collection<Row> rows) {
        Entry[] all = rows.stream().map(this::entry).toArray(Entry[]::new);
        Arrays.sort(all, (a, b) -> keyOrder.compare(a.key(), b.key())); // stable: later duplicates stay later
        List<Entry> unique = new ArrayList<>(all.length);
        for (Entry e : all) {
            if (!unique.isEmpty() && keyOrder.compare(unique.get(unique.size() - 1).key(), e.key()) == 0) {
                unique.set(unique.size() - 1, e);
            } else {
                unique.add(e);
            }
        }
        return unique.toArray(Entry[]::new);
    }

    private Entry entry(Row row) {
        return new Entry(fingerprinter.key(row), fingerprinter.values(row));
    }

    /** Adds a record or replaces the one with its key. */
    public synchronized void put(Row row) {
        Entry e = entry(row);
        Entry[] now = entries;
        int i = search(now, e.key());
        if (i >= 0) {
            Entry[] next = now.clone();
            next[i] = e;
            entries = next;
            return;
        }
        int at = -i - 1;
        Entry[] next = new Entry[now.length + 1];
        System.arraycopy(now, 0, next, 0, at);
        next[at] = e;
        System.arraycopy(now, at, next, at + 1, now.length - at);
        entries = next;
    }

    /** Removes the record with this key; returns whether there was one. */
    public synchronized boolean remove(Row key) {
        Entry[] now = entries;
        int i = search(now, key);
        if (i < 0) {
            return false;
        }
        Entry[] next = new Entry[now.length - 1];
        System.arraycopy(now, 0, next, 0, i);
        System.arraycopy(now, i + 1, next, i, now.length - i - 1);
        entries = next;
        return true;
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

    @Override
    public boolean pushesDown() {
        return pushesDown;
    }

    @Override
    public long count() {
        return entries.length;
    }

    @Override
    public List<Row> splitPoints(int n) {
        Entry[] now = entries;
        return points(now, 0, now.length, n);
    }

    @Override
    public List<Row> splitPoints(KeyRange range, int n) {
        Entry[] now = entries;
        return points(now, lower(now, range), upper(now, range), n);
    }

    private static List<Row> points(Entry[] now, int from, int to, int n) {
        int size = to - from;
        int parts = Math.min(n, size);
        List<Row> out = new ArrayList<>(Math.max(parts - 1, 0));
        for (int i = 1; i < parts; i++) {
            out.add(now[from + (int) ((long) i * size / parts)].key());
        }
        return out;
    }

    @Override
    public List<SegmentChecksum> checksums(List<KeyRange> ranges, FingerprintAlgorithm algorithm) {
        Entry[] now = entries;
        List<SegmentChecksum> out = new ArrayList<>(ranges.size());
        for (KeyRange r : ranges) {
            long count = 0;
            long sum = 0;
            for (int i = lower(now, r), end = upper(now, r); i < end; i++) {
                count++;
                sum += algorithm.fingerprint(form.text(now[i].values()));
            }
            out.add(new SegmentChecksum(count, sum));
        }
        return out;
    }

    @Override
    public void scan(KeyRange range, FingerprintAlgorithm algorithm, boolean withValues, Consumer<FingerprintedRow> sink) {
        Entry[] now = entries;
        for (int i = lower(now, range), end = upper(now, range); i < end; i++) {
            Entry e = now[i];
            sink.accept(new FingerprintedRow(e.key(), algorithm.fingerprint(form.text(e.values())), withValues ? e.values() : null));
        }
    }

    @Override
    public Optional<FingerprintedRow> lookup(Row key, FingerprintAlgorithm algorithm) {
        Entry[] now = entries;
        int i = search(now, key);
        return i < 0 ? Optional.empty()
                : Optional.of(new FingerprintedRow(now[i].key(), algorithm.fingerprint(form.text(now[i].values())), now[i].values()));
    }

    /** Index of the key, or {@code -(insertion point) - 1}. */
    private int search(Entry[] now, Row key) {
        int lo = 0;
        int hi = now.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = keyOrder.compare(now[mid].key(), key);
            if (c == 0) {
                return mid;
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -lo - 1;
    }

    private int lower(Entry[] now, KeyRange r) {
        return r.from() == null ? 0 : insertionPoint(now, r.from());
    }

    private int upper(Entry[] now, KeyRange r) {
        return r.to() == null ? now.length : Math.max(insertionPoint(now, r.to()), lower(now, r));
    }

    private int insertionPoint(Entry[] now, Row key) {
        int i = search(now, key);
        return i >= 0 ? i : -i - 1;
    }

    /** Nothing to release. */
    @Override
    public void close() {
        // Records live on the heap; the garbage collector takes them with this side.
    }
}
