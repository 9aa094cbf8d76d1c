package io.headwater.connectors.lucene;

import io.headwater.connectors.mvstore.TargetChange;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.StoreEdit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A derived dataset kept as a Lucene index, one index directory per dataset (layout in
 * {@link LuceneDocuments}). Each batch is applied with {@code updateDocument} / {@code
 * deleteDocuments} on the key term and made durable by one {@code IndexWriter.commit()} whose commit
 * user data carries the checkpoint ({@value #CHECKPOINT_KEY}): a commit point holds the documents
 * and the checkpoint together, and after a crash the index opens at the last commit point.
 *
 * <p>The index is sorted by key ({@link LuceneDocuments#KEY_SORT}), so {@link LuceneReader#scan}
 * reads each segment's stored fields sequentially. An index written before that sort existed is
 * opened and written unsorted (its scans are slower); delete the directory to rebuild it sorted.
 *
 * <p>Holds the index's write lock while open. Not thread-safe for {@link #apply}: one consumer
 * thread applies; {@link #checkpoint()} and {@link #count()} may be called from other threads.
 * Readers ({@link LuceneReader}) may be opened at any time, from this or another process.
 */
public final class LuceneSink implements DerivedSink {
    /** The commit user data entry that holds the checkpoint's text form. */
    public static final String CHECKPOINT_KEY = "headwater.checkpoint";

    private static final Logger LOG = LoggerFactory.getLogger(LuceneSink.class);

    private final Path indexDir;
    private final Dataset dataset;
    private final Flow flow;
    private final Directory directory;
    private volatile IndexWriter writer;
    private volatile Checkpoint checkpoint;

    private LuceneSink(Path indexDir, Dataset dataset, Flow flow, Directory directory, IndexWriter writer) {
        this.indexDir = indexDir;
        this.dataset = dataset;
        this.flow = flow;
        this.directory = directory;
        this.writer = writer;
        this.checkpoint = readCheckpoint(writer);
    }

    /** Opens the index in {@code indexDir}, creating the directory and an empty index when absent. */
    public static LuceneSink open(Path indexDir, Dataset dataset, Flow flow) {
        TargetChange.requireScalar(flow, "Lucene");
        Directory dir = null;
        try {
            Files.createDirectories(indexDir);
            dir = FSDirectory.open(indexDir);
            boolean fresh = !DirectoryReader.indexExists(dir);
            IndexWriter writer = openWriter(dir);
            if (fresh) {
                // A first (empty) commit, so that readers can open the index before any batch.
                writer.commit();
            }
            return new LuceneSink(indexDir, dataset, flow, dir, writer);
        } catch (IOException e) {
            closeQuietly(dir, e);
            throw new StoreException("Lucene index " + indexDir + " for " + dataset.ref() + " cannot be opened: " + e.getMessage(), e);
        }
    }

    private static IndexWriter openWriter(Directory dir) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCommitOnClose(false);
        if (acceptsKeySort(dir)) {
            config.setIndexSort(LuceneDocuments.KEY_SORT);
        }
        return new IndexWriter(dir, config);
    }

    /**
     * Whether the index can be written key-sorted: it is new, or every segment of its last commit
     * is already sorted by {@link LuceneDocuments#KEY_SORT}. An index written before the sort existed
     * is not, and Lucene cannot add a sort to existing segments (IndexWriter would refuse with an
     * IllegalArgumentException); such an index stays unsorted, its scans take the slower term
     * dictionary path, and deleting the index directory to rebuild it makes it sorted.
     */
    private static boolean acceptsKeySort(Directory dir) throws IOException {
        if (!DirectoryReader.indexExists(dir)) {
            return true;
        }
        for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(dir)) {
            if (!LuceneDocuments.KEY_SORT.equals(segment.info.getIndexSort())) {
                LOG.warn("Lucene index {} predates key sorting (segment {} is unsorted); it is kept as is and scans read it"
                        + " by term dictionary, which is slower. Delete the directory to rebuild it sorted.", dir, segment.info.name);
                return false;
            }
        }
        return true;
    }

    private boolean keySorted() {
        return writer.getConfig().getIndexSort() != null;
    }

    private static void closeQuietly(Directory dir, Exception cause) {
        if (dir != null) {
            try {
                dir.close();
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
    }

    private static Checkpoint readCheckpoint(IndexWriter writer) {
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> e : data) {
                if (CHECKPOINT_KEY.equals(e.getKey())) {
                    return Checkpoint.decode(e.getValue());
                }
            }
        }
        return Checkpoint.EMPTY;
    }

    @Override
    public Dataset dataset() {
        return dataset;
    }

    @Override
    public Flow flow() {
        return flow;
    }

    public Path indexDir() {
        return indexDir;
    }

    @Override
    public Checkpoint checkpoint() {
        return checkpoint;
    }

    @Override
    public void apply(List<ChangeEvent> events, Checkpoint through) {
        write(TargetChange.of(events, flow, dataset), through);
    }

    @Override
    public void tamper(List<StoreEdit> edits) {
        write(edits.stream().map(e -> new TargetChange(e.key(), e.row())).toList(), checkpoint);
    }

    @Override
    public LuceneReader reader() {
        return LuceneReader.open(indexDir, dataset);
    }

    private synchronized void write(List<TargetChange> changes, Checkpoint through) {
        try {
            boolean sorted = keySorted();
            for (TargetChange c : changes) {
                if (c.removes()) {
                    writer.deleteDocuments(LuceneDocuments.keyTerm(c.key()));
                } else {
                    writer.updateDocument(LuceneDocuments.keyTerm(c.key()), LuceneDocuments.toDocument(c.key(), c.row(), dataset, sorted));
                }
            }
            writer.setLiveCommitData(Map.of(CHECKPOINT_KEY, through.encode()).entrySet());
            writer.commit();
            checkpoint = through;
        } catch (IOException | RuntimeException e) {
            rollback(e);
            throw new StoreException("Lucene index " + indexDir + " for " + dataset.ref() + ": batch through "
                    + through.encode() + " was not committed: " + e.getMessage(), e);
        }
    }

    private void rollback(Exception cause) {
        // rollback() drops every uncommitted change and closes the writer; a new one goes on from
        // the last commit point.
        try {
            writer.rollback();
            writer = openWriter(directory);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public long count() {
        return writer.getDocStats().numDocs;
    }

    @Override
    public void close() {
        try {
            if (writer.isOpen()) {
                writer.close();
            }
            directory.close();
        } catch (IOException e) {
            throw new StoreException("Lucene index " + indexDir + " did not close cleanly: " + e.getMessage(), e);
        }
    }
}
