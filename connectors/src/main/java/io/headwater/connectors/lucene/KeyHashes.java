package io.headwater.connectors.lucene;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;

/**
 * A set of key hashes (XXH3-64 of the key's text form) in an open-addressing table of longs: about
 * 16 bytes per key. {@link #addIfAbsent} answering true means the key was certainly never added;
 * false means it may have been (or another key has the same hash). Not thread-safe.
 */
final class KeyHashes {
    private static final Hasher64 HASH = Hashing.xxh3_64();
    private static final long EMPTY = 0L;

    private long[] table = new long[1 << 16];
    private int size;
    private boolean hasZero;

    /** The hashes of every key term of the index the writer writes (including deleted documents' keys). */
    static KeyHashes of(IndexWriter writer) throws IOException {
        KeyHashes h = new KeyHashes();
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
            for (LeafReaderContext leaf : reader.leaves()) {
                Terms terms = leaf.reader().terms(LuceneDocuments.KEY);
                if (terms == null) {
                    continue;
                }
                TermsEnum te = terms.iterator();
                for (BytesRef t = te.next(); t != null; t = te.next()) {
                    h.addIfAbsent(t.utf8ToString());
                }
            }
        }
        return h;
    }

    /** Adds the key's hash; true when it was not there before. */
    boolean addIfAbsent(String keyText) {
        long hash = HASH.hashCharsToLong(keyText);
        if (hash == EMPTY) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if (size * 2 >= table.length) {
            grow();
        }
        return insert(table, hash);
    }

    private boolean insert(long[] into, long hash) {
        int mask = into.length - 1;
        int i = (int) (hash ^ (hash >>> 32)) & mask;
        while (into[i] != EMPTY) {
            if (into[i] == hash) {
                return false;
            }
            i = (i + 1) & mask;
        }
        into[i] = hash;
        if (into == table) {
            size++;
        }
        return true;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        size = 0;
        Arrays.stream(old).filter(v -> v != EMPTY).forEach(v -> insert(table, v));
    }
}
