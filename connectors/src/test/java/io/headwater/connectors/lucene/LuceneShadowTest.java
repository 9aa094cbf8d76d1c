package io.headwater.connectors.lucene;

import static io.headwater.connectors.mvstore.SinkFixtures.create;
import static io.headwater.connectors.mvstore.SinkFixtures.customer;
import static io.headwater.connectors.mvstore.SinkFixtures.customers;
import static io.headwater.connectors.mvstore.SinkFixtures.customersFlow;
import static io.headwater.connectors.mvstore.SinkFixtures.through;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.DerivedSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Sort;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rebuilding a Lucene index into a shadow generation and promoting it, with crashes between the steps. */
class LuceneShadowTest {
    private static final Dataset CUSTOMERS = customers("customers");

    @TempDir
    Path dir;

    private Path indexDir() {
        return dir.resolve("search").resolve("customers");
    }

    private LuceneSink openLive() {
        return LuceneSink.open(indexDir(), CUSTOMERS, customersFlow());
    }

    /** Applies one create per id, at consecutive offsets from {@code offset}; returns the checkpoint. */
    private static Checkpoint apply(DerivedSink sink, long offset, long... ids) {
        List<ChangeEvent> events = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            events.add(create(offset + i, customer(ids[i], "c" + ids[i], "c" + ids[i] + "@x.org")));
        }
        Checkpoint through = through(offset + ids.length - 1);
        sink.apply(events, through);
        return through;
    }

    private static List<Object> ids(DatasetReader reader) {
        List<Object> ids = new ArrayList<>();
        reader.scan(r -> ids.add(r.get("customer_id")));
        return ids;
    }

    private List<Object> liveIds() {
        try (LuceneReader r = LuceneReader.open(indexDir(), CUSTOMERS)) {
            return ids(r);
        }
    }

    private List<String> entries() throws IOException {
        try (Stream<Path> s = Files.list(indexDir())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void shadowStartsEmptyStaysInvisibleAndResumesAfterReopen() {
        Checkpoint shadowThrough;
        try (LuceneSink live = openLive()) {
            apply(live, 0, 1, 2);
            assertThat(live.hasShadow()).isFalse();
            try (LuceneSink shadow = live.openShadow()) {
                assertThat(shadow.count()).isZero();
                assertThat(shadow.checkpoint()).isEqualTo(Checkpoint.EMPTY);
                shadowThrough = apply(shadow, 0, 10, 11, 12);
                assertThat(liveIds()).containsExactly(1L, 2L);
                assertThat(live.checkpoint()).isEqualTo(through(1));
            }
        }
        try (LuceneSink live = openLive()) {
            assertThat(live.hasShadow()).isTrue();
            assertThat(live.checkpoint()).isEqualTo(through(1));
            try (LuceneSink shadow = live.openShadow(); LuceneReader r = shadow.reader()) {
                assertThat(shadow.checkpoint()).isEqualTo(shadowThrough);
                assertThat(shadow.count()).isEqualTo(3);
                assertThat(ids(r)).containsExactly(10L, 11L, 12L);
            }
            assertThat(liveIds()).containsExactly(1L, 2L);
        }
    }

    @Test
    void promoteShowsNewReadersOnlyTheNewIndexAndKeepsOldReadersOnTheOld() throws IOException {
        LuceneSink live = openLive();
        apply(live, 0, 1, 2);
        LuceneSink shadow = live.openShadow();
        Checkpoint rebuilt = apply(shadow, 0, 10, 11);
        try (LuceneReader before = LuceneReader.open(indexDir(), CUSTOMERS)) {
            live.promote(shadow);
            live.close();
            try (LuceneReader after = LuceneReader.open(indexDir(), CUSTOMERS)) {
                assertThat(ids(after)).containsExactly(10L, 11L);
                assertThat(ids(before)).containsExactly(1L, 2L);
                assertThat(shadow.checkpoint()).isEqualTo(rebuilt);
                assertThat(shadow.hasShadow()).isFalse();
                apply(shadow, 2, 12);
                assertThat(ids(after)).containsExactly(10L, 11L, 12L);
                assertThat(ids(before)).containsExactly(1L, 2L);
            }
            // The old generation (the flat files) stays while the old reader needs it.
            assertThat(entries()).anyMatch(name -> name.startsWith("segments_"));
        }
        shadow.close();
        assertThat(entries()).containsExactly("CURRENT", "g1");
        try (LuceneSink reopened = openLive()) {
            assertThat(reopened.checkpoint()).isEqualTo(through(2));
            assertThat(reopened.hasShadow()).isFalse();
        }
        assertThat(liveIds()).containsExactly(10L, 11L, 12L);
    }

    @Test
    void oldReaderKeepsItsCommitPointWhenAnotherProcessDeletesTheRetiredGeneration() throws IOException {
        readyToPromote();
        try (LuceneSink live = openLive(); LuceneReader before = LuceneReader.open(indexDir(), CUSTOMERS)) {
            LuceneSink shadow = live.openShadow();
            live.promote(shadow);
            shadow.close();
            // What the cleanup of another process does to the flat files this process still pins.
            try (Stream<Path> flat = Files.list(indexDir())) {
                for (Path f : flat.filter(p -> !p.getFileName().toString().matches("CURRENT|g1")).toList()) {
                    Files.delete(f);
                }
            }
            assertThat(ids(before)).containsExactly(1L, 2L);
            assertThat(before.count()).isEqualTo(2);
        }
        assertThat(liveIds()).containsExactly(10L, 11L);
    }

    @Test
    void secondRebuildReplacesTheFirstGeneration() throws IOException {
        try (LuceneSink live = openLive()) {
            apply(live, 0, 1);
            LuceneSink first = live.openShadow();
            apply(first, 0, 2);
            live.promote(first);
            try (LuceneSink second = first.openShadow()) {
                apply(second, 0, 3);
                first.promote(second);
                assertThat(second.indexDir().getFileName()).hasToString("g2");
            }
        }
        assertThat(entries()).containsExactly("CURRENT", "g2");
        assertThat(liveIds()).containsExactly(3L);
    }

    @Test
    void discardShadowDropsItAndLeavesTheLiveIndexAlone() throws IOException {
        try (LuceneSink live = openLive()) {
            apply(live, 0, 1, 2);
            try (LuceneSink shadow = live.openShadow()) {
                apply(shadow, 0, 10);
            }
            live.discardShadow();
            assertThat(live.hasShadow()).isFalse();
            assertThat(live.checkpoint()).isEqualTo(through(1));
            assertThat(entries()).doesNotContain("SHADOW", "g1");
            try (LuceneSink fresh = live.openShadow()) {
                assertThat(fresh.count()).isZero();
                assertThat(fresh.checkpoint()).isEqualTo(Checkpoint.EMPTY);
            }
        }
        assertThat(liveIds()).containsExactly(1L, 2L);
    }

    @Test
    void shadowCannotPromoteOrBeOpenedThroughItself() {
        try (LuceneSink live = openLive(); LuceneSink shadow = live.openShadow()) {
            assertThatThrownBy(shadow::openShadow).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> shadow.promote(live)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> live.promote(live)).isInstanceOf(IllegalArgumentException.class);
            assertThat(live.hasShadow()).isTrue();
        }
    }

    @Test
    void legacyUnsortedIndexOpensAndIsRebuiltSorted() throws IOException {
        Files.createDirectories(indexDir());
        // Written the way LuceneSink wrote before generations and the key sort: files directly in the path.
        try (Directory d = FSDirectory.open(indexDir());
                IndexWriter writer = new IndexWriter(d, new IndexWriterConfig(new StandardAnalyzer()))) {
            for (long id : new long[] {5, 4}) {
                Row row = customersFlow().apply(customer(id, "old" + id, "o@x.org"));
                writer.updateDocument(LuceneDocuments.keyTerm(Row.of("customer_id", id)),
                        LuceneDocuments.toDocument(Row.of("customer_id", id), row, CUSTOMERS, false));
            }
            writer.setLiveCommitData(Map.of(LuceneSink.CHECKPOINT_KEY, through(1).encode()).entrySet());
            writer.commit();
        }
        assertThat(liveIds()).containsExactly(4L, 5L);
        try (LuceneSink live = openLive()) {
            assertThat(live.checkpoint()).isEqualTo(through(1));
            LuceneSink shadow = live.openShadow();
            assertThat(shadow.indexDir()).isEqualTo(indexDir().resolve("g1"));
            apply(shadow, 0, 7, 6);
            live.promote(shadow);
            shadow.close();
        }
        assertThat(entries()).containsExactly("CURRENT", "g1");
        assertThat(liveIds()).containsExactly(6L, 7L);
        assertThat(segmentSorts(indexDir().resolve("g1"))).containsOnly(LuceneDocuments.KEY_SORT);
    }

    private static List<Sort> segmentSorts(Path generation) throws IOException {
        try (Directory d = FSDirectory.open(generation); DirectoryReader r = DirectoryReader.open(d)) {
            return r.leaves().stream().map(LeafReaderContext::reader).map(l -> l.getMetaData().getSort()).toList();
        }
    }

    /** Live {1, 2} in the flat layout and a committed shadow g1 {10, 11}, everything closed: a rebuild ready to promote. */
    private void readyToPromote() {
        try (LuceneSink live = openLive(); LuceneSink shadow = live.openShadow()) {
            apply(live, 0, 1, 2);
            apply(shadow, 0, 10, 11);
        }
    }

    @Test
    void crashBeforeCurrentIsRenamedKeepsTheOldIndexAndTheShadow() throws IOException {
        readyToPromote();
        Files.writeString(indexDir().resolve("CURRENT.tmp"), "g1\n");
        try (LuceneSink live = openLive()) {
            assertThat(live.checkpoint()).isEqualTo(through(1));
            assertThat(live.hasShadow()).isTrue();
            try (LuceneSink shadow = live.openShadow()) {
                assertThat(shadow.checkpoint()).isEqualTo(through(1));
                assertThat(shadow.count()).isEqualTo(2);
            }
        }
        assertThat(entries()).doesNotContain("CURRENT.tmp", "CURRENT");
        assertThat(liveIds()).containsExactly(1L, 2L);
    }

    @Test
    void crashAfterCurrentIsRenamedCompletesThePromotionOnOpen() throws IOException {
        readyToPromote();
        Files.writeString(indexDir().resolve("CURRENT"), "g1\n"); // SHADOW and the flat files are still there
        assertThat(liveIds()).containsExactly(10L, 11L);
        try (LuceneSink live = openLive()) {
            assertThat(live.hasShadow()).isFalse();
            assertThat(live.count()).isEqualTo(2);
        }
        assertThat(entries()).containsExactly("CURRENT", "g1");
    }

    @Test
    void crashWhileDeletingTheOldGenerationLeavesItForTheNextOpen() throws IOException {
        readyToPromote();
        try (LuceneSink live = openLive()) {
            LuceneSink first = live.openShadow();
            live.promote(first);
            try (LuceneSink second = first.openShadow()) {
                apply(second, 0, 20);
            }
            first.close();
        }
        // As a crash would leave it: CURRENT switched to g2, SHADOW removed, g1 half deleted.
        Files.writeString(indexDir().resolve("CURRENT"), "g2\n");
        Files.delete(indexDir().resolve("SHADOW"));
        try (Stream<Path> files = Files.list(indexDir().resolve("g1"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("segments_")).toList()) {
                Files.delete(f);
            }
        }
        assertThat(liveIds()).containsExactly(20L);
        try (LuceneSink live = openLive()) {
            assertThat(live.checkpoint()).isEqualTo(through(0));
        }
        assertThat(entries()).containsExactly("CURRENT", "g2");
    }

    @Test
    void orphanGenerationFromAnInterruptedShadowCreationIsRemoved() throws IOException {
        try (LuceneSink live = openLive()) {
            apply(live, 0, 1);
        }
        Files.createDirectories(indexDir().resolve("g4"));
        Files.writeString(indexDir().resolve("g4").resolve("junk"), "x");
        Files.writeString(indexDir().resolve("SHADOW.tmp"), "g4\n");
        try (LuceneSink live = openLive()) {
            assertThat(live.hasShadow()).isFalse();
            assertThat(entries()).doesNotContain("g4", "SHADOW.tmp");
            try (LuceneSink shadow = live.openShadow()) {
                assertThat(shadow.count()).isZero();
            }
        }
        assertThat(liveIds()).containsExactly(1L);
    }

    @Test
    void swapStepNamesThePointerFileTheLiveAndTheShadowGeneration() {
        LuceneSink live = openLive();
        apply(live, 0, 1, 2);
        assertThat(live.swapStep()).startsWith("Lucene index: one atomic rename of " + indexDir().resolve("CURRENT"))
                .contains("from the live g0 (the files in place) to the shadow g1");
        LuceneSink shadow = live.openShadow();
        try {
            apply(shadow, 0, 10);
            live.promote(shadow);
            assertThat(shadow.swapStep()).contains("from the live g1 to the shadow g2; g1 is deleted once no reader uses it");
        } finally {
            live.close();
            shadow.close();
        }
    }
}
