package io.headwater.connectors.lucene;

import io.headwater.connectors.generations.Generation;
import io.headwater.connectors.generations.GenerationPin;
import io.headwater.connectors.generations.StoreGenerations;
import io.headwater.connectors.mvstore.TargetChange;
import io.headwater.connectors.mvstore.KeyCodec;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
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
 * opened and written unsorted (its scans are slower); a rebuild into a shadow makes it sorted.
 *
 * <p>Rebuilds: the index path given to {@link #open} is a stable name holding generations
 * ({@link StoreGenerations}): {@code CURRENT} names the live index directory {@code g<n>/}, and
 * {@link #openShadow()} creates the next one beside it, recorded in {@code SHADOW}. An index never
 * rebuilt keeps its files directly in the path (generation 0). {@link #promote} switches {@code
 * CURRENT} atomically; {@link LuceneReader#open} resolves it when it opens and stays on that
 * generation, so a reader sees the old index or the new one, never a mix. The old generation is
 * deleted once no sink or reader of this process uses it (a reader in another process keeps its
 * open files).
 *
 * <p>Holds the index's write lock while open. Not thread-safe for {@link #apply}: one consumer
 * thread applies; {@link #checkpoint()} and {@link #count()} may be called from other threads.
 * Readers ({@link LuceneReader}) may be opened at any time, from this or another process.
 */
public final class LuceneSink implements DerivedSink {
    /** The commit user data entry that holds the checkpoint's text form. */
    public static final String CHECKPOINT_KEY = "headwater.checkpoint";

    /** What this store is called in messages and by {@link StoreGenerations}. */
    static final String STORE = "Lucene index";

    private static final Logger LOG = LoggerFactory.getLogger(LuceneSink.class);

    private final Path indexDir;
    private final Dataset dataset;
    private final Flow flow;
    private final GenerationPin pin;
    private final Directory directory;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean shadow;
    private volatile IndexWriter writer;
    private volatile Checkpoint checkpoint;
    /**
     * A shadow's keys (as 64-bit hashes) that may be in the index: a key not among them is added
     * without looking for an old document to replace, which a rebuild of mostly new keys spends most
     * of its indexing time on. A hash collision only costs that lookup. Null for the live index.
     */
    private KeyHashes present;
    /** The second indexing thread of a shadow, started with its first large batch. */
    private ExecutorService indexer;
    /** Batches at least this large are indexed by two threads. */
    private static final int PARALLEL_BATCH = 2_000;

    private LuceneSink(Dataset dataset, Flow flow, GenerationPin pin, Directory directory, IndexWriter writer, boolean shadow) {
        this.indexDir = pin.generation().dir();
        this.dataset = dataset;
        this.flow = flow;
        this.pin = pin;
        this.directory = directory;
        this.writer = writer;
        this.shadow = shadow;
        this.checkpoint = readCheckpoint(writer);
    }

    /**
     * Opens the live index under the stable path {@code indexDir}, creating the directory and an
     * empty index when absent, and removes what an interrupted rebuild step left there.
     */
    public static LuceneSink open(Path indexDir, Dataset dataset, Flow flow) {
        TargetChange.requireScalar(flow, "Lucene");
        StoreGenerations generations = StoreGenerations.at(indexDir, STORE);
        LuceneSink sink = open(generations.pinLive(), dataset, flow, false);
        try {
            // Only now, holding the live index's write lock, so no other writer is mid-way through a step.
            generations.cleanUp();
        } catch (RuntimeException e) {
            sink.close();
            throw e;
        }
        return sink;
    }

    /** Opens the index of the pinned generation; releases the pin when that fails. */
    private static LuceneSink open(GenerationPin pin, Dataset dataset, Flow flow, boolean shadow) {
        Path dirPath = pin.generation().dir();
        Directory dir = null;
        try {
            Files.createDirectories(dirPath);
            dir = FSDirectory.open(dirPath);
            boolean fresh = !DirectoryReader.indexExists(dir);
            IndexWriter writer = openWriter(dir);
            if (fresh) {
                // A first (empty) commit, so that readers can open the index before any batch.
                writer.commit();
            }
            return new LuceneSink(dataset, flow, pin, dir, writer, shadow);
        } catch (IOException | RuntimeException e) {
            closeQuietly(dir, e);
            pin.close();
            throw new StoreException(STORE + " " + dirPath + " for " + dataset.ref() + " cannot be opened: " + e.getMessage(), e);
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
     * dictionary path, and a rebuild (into a fresh shadow) makes it sorted.
     */
    private static boolean acceptsKeySort(Directory dir) throws IOException {
        if (!DirectoryReader.indexExists(dir)) {
            return true;
        }
        for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(dir)) {
            if (!LuceneDocuments.KEY_SORT.equals(segment.info.getIndexSort())) {
                LOG.warn("Lucene index {} predates key sorting (segment {} is unsorted); it is kept as is and scans read it"
                        + " by term dictionary, which is slower. Rebuild it to make it sorted.", dir, segment.info.name);
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

    /** The directory of the generation this sink writes (the stable path itself for generation 0). */
    public Path indexDir() {
        return indexDir;
    }

    /** Whether this sink writes a shadow that has not been promoted. */
    public boolean isShadow() {
        return shadow;
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

    /** A reader of this sink's own generation (the shadow's, for a shadow). */
    @Override
    public LuceneReader reader() {
        return LuceneReader.open(pin.generations().pin(pin.generation()), dataset);
    }

    @Override
    public LuceneSink openShadow() {
        requireLive("open a shadow");
        StoreGenerations generations = pin.generations();
        Generation g = generations.shadow().orElseGet(generations::createShadow);
        LuceneSink shadowSink = open(generations.pin(g), dataset, flow, true);
        try {
            shadowSink.present = KeyHashes.of(shadowSink.writer);
        } catch (IOException | RuntimeException e) {
            shadowSink.close();
            throw new StoreException(STORE + " shadow " + shadowSink.indexDir + " for " + dataset.ref() + " cannot be read: " + e.getMessage(), e);
        }
        return shadowSink;
    }

    @Override
    public boolean hasShadow() {
        return pin.generations().shadow().isPresent();
    }

    /**
     * Switches {@code CURRENT} to the shadow's generation, then closes this sink; the old generation
     * is deleted once no reader of this process uses it. Every batch of the shadow is already
     * committed, so nothing of it is pending.
     */
    @Override
    public void promote(DerivedSink other) {
        requireLive("promote");
        if (!(other instanceof LuceneSink s) || !s.shadow || !s.pin.generations().root().equals(pin.generations().root())) {
            throw new IllegalArgumentException(other + " is not a shadow opened by " + STORE + " " + pin.generations().root());
        }
        pin.generations().promote(s.pin.generation());
        s.shadow = false;
        close();
    }

    /** Names the pointer file, the live generation and the shadow; see {@link StoreGenerations#swapStep()}. */
    @Override
    public String swapStep() {
        return STORE + ": " + pin.generations().swapStep();
    }

    @Override
    public void discardShadow() {
        requireLive("discard the shadow");
        pin.generations().discardShadow();
    }

    private void requireLive(String what) {
        if (shadow || closed.get()) {
            throw new IllegalStateException("cannot " + what + " through " + (shadow ? "the shadow " : "the closed ") + STORE + " "
                    + indexDir);
        }
    }

    private synchronized void write(List<TargetChange> changes, Checkpoint through) {
        try {
            boolean sorted = keySorted();
            List<KeyedChange> keyed = new ArrayList<>(changes.size());
            for (TargetChange c : changes) {
                String keyText = KeyCodec.text(c.key());
                keyed.add(new KeyedChange(c, keyText, !c.removes() && present != null && present.addIfAbsent(keyText)));
            }
            if (present != null && keyed.size() >= PARALLEL_BATCH) {
                indexInTwo(keyed, sorted);
            } else {
                index(keyed, sorted);
            }
            writer.setLiveCommitData(Map.of(CHECKPOINT_KEY, through.encode()).entrySet());
            writer.commit();
            checkpoint = through;
        } catch (IOException | RuntimeException e) {
            rollback(e);
            throw new StoreException(STORE + " " + indexDir + " for " + dataset.ref() + ": batch through "
                    + through.encode() + " was not committed: " + e.getMessage(), e);
        }
    }

    /** One change with its key's text form, and whether the key is certainly new to the index. */
    private record KeyedChange(TargetChange change, String keyText, boolean certainlyNew) {
    }

    private void index(List<KeyedChange> changes, boolean sorted) throws IOException {
        for (KeyedChange k : changes) {
            TargetChange c = k.change();
            Term keyTerm = new Term(LuceneDocuments.KEY, k.keyText());
            if (c.removes()) {
                writer.deleteDocuments(keyTerm);
            } else if (k.certainlyNew()) {
                writer.addDocument(LuceneDocuments.toDocument(c.key(), k.keyText(), c.row(), dataset, sorted));
            } else {
                writer.updateDocument(keyTerm, LuceneDocuments.toDocument(c.key(), k.keyText(), c.row(), dataset, sorted));
            }
        }
    }

    /**
     * A shadow's large batch is indexed by two threads at once (IndexWriter takes documents from
     * several threads into separate in-memory segments). Changes are split by key, so the changes
     * of one key stay in order on one thread; the batch is committed only when both halves are in.
     */
    private void indexInTwo(List<KeyedChange> changes, boolean sorted) throws IOException {
        List<KeyedChange> mine = new ArrayList<>(changes.size() / 2 + 1);
        List<KeyedChange> other = new ArrayList<>(changes.size() / 2 + 1);
        for (KeyedChange k : changes) {
            ((k.keyText().hashCode() & 1) == 0 ? mine : other).add(k);
        }
        if (indexer == null) {
            indexer = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "headwater-lucene-index-" + dataset.ref());
                t.setDaemon(true);
                return t;
            });
        }
        Future<?> half = indexer.submit(() -> {
            index(other, sorted);
            return null;
        });
        try {
            index(mine, sorted);
        } finally {
            try {
                half.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException(STORE + " " + indexDir + ": interrupted while indexing a batch", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw e.getCause() instanceof RuntimeException re ? re : new StoreException(STORE + " " + indexDir + ": " + e.getCause(), e.getCause());
            }
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

    /** Closes the index and releases its generation (deleting it when it was retired and this was its last user). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (indexer != null) {
            indexer.shutdownNow();
        }
        try {
            if (writer.isOpen()) {
                writer.close();
            }
            directory.close();
        } catch (IOException e) {
            throw new StoreException(STORE + " " + indexDir + " did not close cleanly: " + e.getMessage(), e);
        } finally {
            pin.close();
        }
    }

    @Override
    public String toString() {
        return STORE + " " + indexDir + (shadow ? " (shadow)" : "") + " for " + dataset.ref();
    }
}
