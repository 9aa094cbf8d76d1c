package io.headwater.connectors.lucene;

import io.headwater.connectors.mvstore.TargetChange;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DatasetReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.ReaderManager;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Reads a dataset from a Lucene index written by {@link LuceneSink}, read-only and without the
 * write lock, so it works while a writer is open in this or another process. Every call first
 * refreshes to the latest commit point, so it sees committed data only.
 *
 * <p>{@link #scan} is in key order ({@link KeyOrderScan}): it merges the index's segments, each
 * read in docID order, which is key order in an index {@link LuceneSink} sorted by key, so stored
 * fields are read sequentially; an older, unsorted index is read by its key term dictionary
 * instead, in the same order but slower. It holds one document per segment, however large the
 * index. Thread-safe.
 */
public final class LuceneReader implements DatasetReader {
    private final Path indexDir;
    private final Dataset dataset;
    private final Directory directory;
    private final ReaderManager readers;

    private LuceneReader(Path indexDir, Dataset dataset, Directory directory, ReaderManager readers) {
        this.indexDir = indexDir;
        this.dataset = dataset;
        this.directory = directory;
        this.readers = readers;
    }

    /** Opens the index in {@code indexDir}; it must exist (a {@link LuceneSink} creates it). */
    public static LuceneReader open(Path indexDir, Dataset dataset) {
        Directory dir = null;
        try {
            dir = FSDirectory.open(indexDir);
            return new LuceneReader(indexDir, dataset, dir, new ReaderManager(dir));
        } catch (IOException e) {
            if (dir != null) {
                closeQuietly(dir, e);
            }
            throw new StoreException("Lucene index " + indexDir + " for " + dataset.ref() + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Directory dir, Exception cause) {
        try {
            dir.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public Dataset dataset() {
        return dataset;
    }

    @Override
    public long count() {
        return withReader("count", DirectoryReader::numDocs);
    }

    /** The checkpoint of the commit point this reader sees. */
    public Checkpoint checkpoint() {
        return withReader("read checkpoint",
                r -> Checkpoint.decode(r.getIndexCommit().getUserData().get(LuceneSink.CHECKPOINT_KEY)));
    }

    @Override
    public void scan(Consumer<Row> sink) {
        withReader("scan", r -> {
            KeyOrderScan.run(r, dataset, sink);
            return null;
        });
    }

    @Override
    public Optional<Row> lookup(Row key) {
        Row k = TargetChange.lookupKey(key, dataset);
        List<Row> hits = query("lookup", new TermQuery(LuceneDocuments.keyTerm(k)), 1);
        return hits.stream().findFirst();
    }

    /**
     * Free-text search over the dataset's string fields with Lucene's classic query syntax
     * ({@code alice}, {@code email:example.com}, {@code country:NL AND name:jan*}); best first.
     */
    public List<Row> search(String queryText, int max) {
        String[] fields = LuceneDocuments.textFields(dataset).toArray(String[]::new);
        Query q;
        try {
            q = new MultiFieldQueryParser(fields, new StandardAnalyzer()).parse(queryText);
        } catch (ParseException e) {
            throw new StoreException("search '" + queryText + "' in " + dataset.ref() + " is not a valid query: " + e.getMessage(), e);
        }
        return query("search", q, max);
    }

    private List<Row> query(String what, Query q, int max) {
        return withReader(what, r -> {
            IndexSearcher searcher = new IndexSearcher(r);
            TopDocs top = searcher.search(q, Math.max(1, max));
            StoredFields stored = r.storedFields();
            List<Row> rows = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc sd : top.scoreDocs) {
                rows.add(LuceneDocuments.toRow(stored.document(sd.doc), dataset));
            }
            return rows;
        });
    }

    private interface ReaderWork<T> {
        T run(DirectoryReader reader) throws IOException;
    }

    private <T> T withReader(String what, ReaderWork<T> work) {
        try {
            readers.maybeRefreshBlocking();
            DirectoryReader r = readers.acquire();
            try {
                return work.run(r);
            } finally {
                readers.release(r);
            }
        } catch (IOException e) {
            throw new StoreException("Lucene index " + indexDir + " for " + dataset.ref() + ": " + what + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            readers.close();
            directory.close();
        } catch (IOException e) {
            throw new StoreException("Lucene index " + indexDir + " did not close cleanly: " + e.getMessage(), e);
        }
    }
}
