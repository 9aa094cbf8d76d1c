package io.headwater.connectors.lucene;

import java.io.IOException;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DocumentStoredFieldVisitor;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * One segment's live documents in key order, one at a time, for {@link KeyOrderScan} to merge.
 * A key-sorted segment is read in docID order, so its stored fields are read sequentially; an
 * unsorted one (an index written before the key sort) by walking its {@value LuceneDocuments#ORDER}
 * term dictionary, which reads stored fields at random. Not thread-safe; valid while the reader
 * of the segment is open.
 */
abstract sealed class LeafCursor permits LeafCursor.SortedSegment, LeafCursor.TermWalk {
    private final StoredFields stored;
    private final Set<String> fields;

    private LeafCursor(StoredFields stored, Set<String> fields) {
        this.stored = stored;
        this.fields = fields;
    }

    /** A cursor before the first live document of {@code leaf}, loading only {@code fields}. */
    static LeafCursor open(LeafReader leaf, Set<String> fields) throws IOException {
        SortedDocValues order = leaf.getSortedDocValues(LuceneDocuments.ORDER);
        if (order != null && LuceneDocuments.KEY_SORT.equals(leaf.getMetaData().getSort())) {
            return new SortedSegment(leaf, order, fields);
        }
        return new TermWalk(leaf, fields);
    }

    /** Moves to the next live document; false when there is none. */
    abstract boolean next() throws IOException;

    /** The current document's {@link io.headwater.connectors.mvstore.KeyCodec#sortable sortable key}; valid until {@link #next}. */
    abstract BytesRef key();

    abstract int doc();

    /** The current document's stored fields. */
    final Document document() throws IOException {
        DocumentStoredFieldVisitor visitor = new DocumentStoredFieldVisitor(fields);
        stored.document(doc(), visitor);
        return visitor.getDocument();
    }

    /** A key-sorted segment: docID order is key order; the key is the sorted doc value. */
    static final class SortedSegment extends LeafCursor {
        private final LeafReader leaf;
        private final SortedDocValues order;
        private final Bits live;
        private final int maxDoc;
        private int doc = -1;
        private BytesRef key;

        private SortedSegment(LeafReader leaf, SortedDocValues order, Set<String> fields) throws IOException {
            super(sequentialStoredFields(leaf), fields);
            this.leaf = leaf;
            this.order = order;
            this.live = leaf.getLiveDocs();
            this.maxDoc = leaf.maxDoc();
        }

        /**
         * Stored fields for reading the segment front to back. The plain instance decompresses a
         * compressed block again for every document in it (about 20 times slower over a whole
         * segment); the merge instance decompresses each block once. It may only be used on the
         * thread that asked for it, which a scan is.
         */
        private static StoredFields sequentialStoredFields(LeafReader leaf) throws IOException {
            if (leaf instanceof CodecReader codec) {
                return codec.getFieldsReader().getMergeInstance();
            }
            return leaf.storedFields();
        }

        @Override
        boolean next() throws IOException {
            do {
                doc++;
                if (doc >= maxDoc) {
                    return false;
                }
            } while (live != null && !live.get(doc));
            if (!order.advanceExact(doc)) {
                throw new CorruptIndexException("document " + doc + " of a key-sorted segment has no "
                        + LuceneDocuments.ORDER + " value", leaf.toString());
            }
            // lookupOrd's bytes stay valid until its next call, which is the next next().
            key = order.lookupOrd(order.ordValue());
            return true;
        }

        @Override
        BytesRef key() {
            return key;
        }

        @Override
        int doc() {
            return doc;
        }
    }

    /** An unsorted segment: its key terms in order, each term's live documents. */
    static final class TermWalk extends LeafCursor {
        private final TermsEnum terms;
        private final Bits live;
        private PostingsEnum postings;
        private BytesRef key;
        private int doc = -1;

        private TermWalk(LeafReader leaf, Set<String> fields) throws IOException {
            super(leaf.storedFields(), fields);
            Terms t = leaf.terms(LuceneDocuments.ORDER);
            this.terms = t == null ? null : t.iterator();
            this.live = leaf.getLiveDocs();
        }

        @Override
        boolean next() throws IOException {
            if (terms == null) {
                return false;
            }
            while (true) {
                if (postings != null) {
                    for (int d = postings.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = postings.nextDoc()) {
                        if (live == null || live.get(d)) {
                            doc = d;
                            return true;
                        }
                    }
                }
                // The term's bytes stay valid until the enum's next call, which is a later next().
                key = terms.next();
                if (key == null) {
                    return false;
                }
                postings = terms.postings(postings, PostingsEnum.NONE);
            }
        }

        @Override
        BytesRef key() {
            return key;
        }

        @Override
        int doc() {
            return doc;
        }
    }
}
