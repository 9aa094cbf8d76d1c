package io.headwater.connectors.lucene;

import io.headwater.connectors.generations.GenerationPin;
import io.headwater.connectors.generations.StoreGenerations;
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
 * index.
 *
 * <p>Opened by the index's stable path, it reads the generation live at that moment
 * ({@link StoreGenerations}) and stays on it: after a rebuild is promoted it goes on seeing the old
 * index, which is kept until it closes (or, for a reader in another process, read from its open
 * files after deletion); a reader opened afterwards sees the new one. Thread-safe.
 */
public final class LuceneReader implements DatasetReader {
    /** How often opening retries when a promotion in another process retires the generation meanwhile. */
    private static final int OPEN_ATTEMPTS = 3;

    private final Path indexDir;
    private final Dataset dataset;
    private final GenerationPin pin;
    private final Directory directory;
    private final ReaderManager readers;
    private volatile boolean retired;

    private LuceneReader(Dataset dataset, GenerationPin pin, Directory directory, ReaderManager readers) {
        this.indexDir = pin.generation().dir();
        this.dataset = dataset;
        this.pin = pin;
        this.directory = directory;
        this.readers = readers;
    }

    /**
     * Opens the live index under the stable path {@code indexDir}; it must exist (a
     * {@link LuceneSink} creates it).
     */
    public static LuceneReader open(Path indexDir, Dataset dataset) {
        StoreGenerations generations = StoreGenerations.at(indexDir, LuceneSink.STORE);
        for (int attempt = 1; ; attempt++) {
            GenerationPin pin = generations.pinLive();
            try {
                return open(pin, dataset);
            } catch (StoreException e) {
                // Another process may have promoted a rebuild and deleted this generation between
                // resolving CURRENT and opening it: then the new live generation is the one to read.
                if (attempt >= OPEN_ATTEMPTS || generations.isLive(pin.generation())) {
                    throw e;
                }
            }
        }
    }

    /** Opens the index of the pinned generation, taking over the pin (released on failure or close). */
    static LuceneReader open(GenerationPin pin, Dataset dataset) {
        Path dirPath = pin.generation().dir();
        Directory dir = null;
        try {
            dir = FSDirectory.open(dirPath);
            return new LuceneReader(dataset, pin, dir, new ReaderManager(dir));
        } catch (IOException e) {
            if (dir != null) {
                closeQuietly(dir, e);
            }
            pin.close();
            throw new StoreException(LuceneSink.STORE + " " + dirPath + " for " + dataset.ref() + " cannot be read: " + e.getMessage(), e);
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
            refresh();
            DirectoryReader r = readers.acquire();
            try {
                return work.run(r);
            } finally {
                readers.release(r);
            }
        } catch (IOException e) {
            throw new StoreException(LuceneSink.STORE + " " + indexDir + " for " + dataset.ref() + ": " + what + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Moves to the generation's latest commit point. A retired generation gets no more commits; if
     * another process has deleted its files, refreshing fails, and this reader goes on serving the
     * commit point it holds open.
     */
    private void refresh() throws IOException {
        if (retired) {
            return;
        }
        try {
            readers.maybeRefreshBlocking();
        } catch (IOException e) {
            if (!pin.generations().isRetired(pin.generation())) {
                throw e;
            }
            retired = true;
        }
    }

    /** Closes the index and releases its generation (deleting it when it was retired and this was its last user). */
    @Override
    public void close() {
        try {
            readers.close();
            directory.close();
        } catch (IOException e) {
            throw new StoreException(LuceneSink.STORE + " " + indexDir + " did not close cleanly: " + e.getMessage(), e);
        } finally {
            pin.close();
        }
    }
}
