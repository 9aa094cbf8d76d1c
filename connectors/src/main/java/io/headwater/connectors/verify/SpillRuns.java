package io.headwater.connectors.verify;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The external merge sort behind {@link SortedSpill}: entries of (sortable key, value) collected up
 * to a memory budget, sorted and written as run files, then merged into one sorted file. Equal keys
 * keep the entry added last. A run file is a sequence of (int key length, key, long sequence, int
 * value length, value); the sequence number (order of arrival) decides which of two equal keys is
 * newer across runs. I/O failures surface as {@link UncheckedIOException}. Not thread-safe.
 */
final class SpillRuns {
    /** How many runs one merge pass reads at once (one buffered stream each). */
    static final int FAN_IN = 64;
    private static final int ENTRY_OVERHEAD = 64;
    private static final int BUFFER = 64 * 1024;
    private static final Comparator<Entry> ORDER = (a, b) -> {
        int c = Arrays.compareUnsigned(a.key, b.key);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    };

    private record Entry(byte[] key, long seq, byte[] value) {
    }

    private final Supplier<Path> folder;
    private final long budgetBytes;
    private final List<Entry> buffer = new ArrayList<>();
    private final List<Path> runs = new ArrayList<>();
    private long buffered;
    private long seq;
    private int written;

    SpillRuns(Supplier<Path> folder, long budgetBytes) {
        this.folder = folder;
        this.budgetBytes = budgetBytes;
    }

    void add(byte[] key, byte[] value) {
        buffer.add(new Entry(key, seq++, value));
        buffered += key.length + value.length + ENTRY_OVERHEAD;
        if (buffered >= budgetBytes) {
            runs.add(writeRun(sortedUnique(buffer)));
            buffer.clear();
            buffered = 0;
        }
    }

    /** Ends the input: the sorted, de-duplicated entries, in memory when nothing was spilled. */
    Sorted finish() {
        List<Entry> last = sortedUnique(buffer);
        buffer.clear();
        if (runs.isEmpty()) {
            return new InMemory(last);
        }
        if (!last.isEmpty()) {
            runs.add(writeRun(last));
        }
        while (runs.size() > 1) {
            List<Path> next = new ArrayList<>();
            for (int i = 0; i < runs.size(); i += FAN_IN) {
                next.add(merge(runs.subList(i, Math.min(runs.size(), i + FAN_IN))));
            }
            runs.clear();
            runs.addAll(next);
        }
        return new OnDisk(runs.get(0), count(runs.get(0)), written);
    }

    private static List<Entry> sortedUnique(List<Entry> entries) {
        entries.sort(ORDER);
        List<Entry> out = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            // Of equal keys (adjacent, by arrival) keep the last.
            if (i + 1 < entries.size() && Arrays.equals(entries.get(i).key, entries.get(i + 1).key)) {
                continue;
            }
            out.add(entries.get(i));
        }
        return out;
    }

    private Path writeRun(List<Entry> entries) {
        Path file = folder.get().resolve("run-" + written++);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), BUFFER))) {
            for (Entry e : entries) {
                write(out, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private Path merge(List<Path> inputs) {
        if (inputs.size() == 1) {
            return inputs.get(0);
        }
        Path file = folder.get().resolve("run-" + written++);
        List<RunReader> readers = new ArrayList<>();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), BUFFER))) {
            PriorityQueue<RunReader> heads = new PriorityQueue<>((a, b) -> ORDER.compare(a.head, b.head));
            for (Path p : inputs) {
                RunReader r = new RunReader(p);
                readers.add(r);
                if (r.advance()) {
                    heads.add(r);
                }
            }
            Entry pending = null;
            while (!heads.isEmpty()) {
                RunReader r = heads.poll();
                Entry e = r.head;
                if (pending != null && !Arrays.equals(pending.key, e.key)) {
                    write(out, pending);
                }
                pending = e; // equal keys come in arrival order: the later one replaces the pending one
                if (r.advance()) {
                    heads.add(r);
                }
            }
            if (pending != null) {
                write(out, pending);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (RunReader r : readers) {
                r.close();
            }
        }
        for (Path p : inputs) {
            delete(p);
        }
        return file;
    }

    private static void write(DataOutputStream out, Entry e) throws IOException {
        out.writeInt(e.key.length);
        out.write(e.key);
        out.writeLong(e.seq);
        out.writeInt(e.value.length);
        out.write(e.value);
    }

    private static long count(Path run) {
        long[] n = {0};
        forEachValue(run, v -> n[0]++);
        return n[0];
    }

    private static void forEachValue(Path run, Consumer<byte[]> sink) {
        try (RunReader r = new RunReader(run)) {
            while (r.advance()) {
                sink.accept(r.head.value);
            }
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One sequential reader of a run file. */
    private static final class RunReader implements AutoCloseable {
        private final DataInputStream in;
        private Entry head;

        RunReader(Path file) {
            try {
                this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        boolean advance() {
            try {
                int keyLength;
                try {
                    keyLength = in.readInt();
                } catch (EOFException end) {
                    head = null;
                    return false;
                }
                byte[] key = in.readNBytes(keyLength);
                long seq = in.readLong();
                byte[] value = in.readNBytes(in.readInt());
                head = new Entry(key, seq, value);
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The sorted result: values in key order, one per key. */
    interface Sorted {
        long count();

        void forEach(Consumer<byte[]> sink);

        int runsWritten();
    }

    private record InMemory(List<Entry> entries) implements Sorted {
        @Override
        public long count() {
            return entries.size();
        }

        @Override
        public void forEach(Consumer<byte[]> sink) {
            for (Entry e : entries) {
                sink.accept(e.value);
            }
        }

        @Override
        public int runsWritten() {
            return 0;
        }
    }

    private record OnDisk(Path file, long count, int runsWritten) implements Sorted {
        @Override
        public void forEach(Consumer<byte[]> sink) {
            forEachValue(file, sink);
        }
    }
}
