package io.headwater.connectors.blobstore;

import static io.headwater.connectors.blobstore.BlobStoreSinkTest.DOCUMENTS;
import static io.headwater.connectors.blobstore.BlobStoreSinkTest.STORE_DOCUMENTS;
import static io.headwater.connectors.blobstore.BlobStoreSinkTest.document;
import static io.headwater.connectors.blobstore.BlobStoreSinkTest.put;
import static io.headwater.connectors.mvstore.SinkFixtures.through;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.engine.model.Row;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DerivedSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rebuilding a blob store dataset into a shadow generation and promoting it, with crashes between the steps. */
class BlobStoreShadowTest {
    @TempDir
    Path dir;

    private Path root() {
        return dir.resolve("blobs");
    }

    private Path datasetDir() {
        return root().resolve("documents");
    }

    private BlobStoreSink openLive() {
        return BlobStoreSink.open(root(), DOCUMENTS, STORE_DOCUMENTS);
    }

    /** Stores one document per text (id = 1, 2, ... from {@code firstId}) at consecutive offsets; returns the checkpoint. */
    private static Checkpoint apply(DerivedSink sink, long offset, long firstId, String... texts) {
        List<ChangeEvent> events = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            events.add(put(offset + i, document(firstId + i, texts[i])));
        }
        Checkpoint through = through(offset + texts.length - 1);
        sink.apply(events, through);
        return through;
    }

    /** Each document's id and content text, in key order. */
    private static Map<Object, String> contents(BlobStoreReader reader) {
        Map<Object, String> out = new LinkedHashMap<>();
        reader.scan(r -> out.put(r.get("id"), r.get("content") == null ? null : new String((byte[]) r.get("content"), StandardCharsets.UTF_8)));
        return out;
    }

    private Map<Object, String> liveContents() {
        try (BlobStoreReader r = BlobStoreReader.open(root(), DOCUMENTS)) {
            return contents(r);
        }
    }

    private List<String> entries() throws IOException {
        try (Stream<Path> s = Files.list(datasetDir())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void shadowStartsEmptyStaysInvisibleAndResumesAfterReopen() {
        Checkpoint shadowThrough;
        try (BlobStoreSink live = openLive()) {
            apply(live, 0, 1, "old one", "old two");
            try (BlobStoreSink shadow = live.openShadow()) {
                assertThat(shadow.count()).isZero();
                assertThat(shadow.checkpoint()).isEqualTo(Checkpoint.EMPTY);
                shadowThrough = apply(shadow, 0, 10, "new ten", "new eleven", "new twelve");
                assertThat(liveContents()).containsExactly(Map.entry(1L, "old one"), Map.entry(2L, "old two"));
            }
        }
        try (BlobStoreSink live = openLive()) {
            assertThat(live.hasShadow()).isTrue();
            assertThat(live.checkpoint()).isEqualTo(through(1));
            try (BlobStoreSink shadow = live.openShadow(); BlobStoreReader r = shadow.reader()) {
                assertThat(shadow.checkpoint()).isEqualTo(shadowThrough);
                assertThat(contents(r)).containsOnlyKeys(10L, 11L, 12L).containsEntry(12L, "new twelve");
                assertThat(r.verifyContent(Row.of("id", 10L))).extracting(BlobCheck::status).containsExactly(BlobCheck.Status.INTACT);
            }
        }
    }

    @Test
    void promoteShowsNewReadersOnlyTheNewGenerationAndKeepsOldReadersOnTheOld() throws IOException {
        BlobStoreSink live = openLive();
        apply(live, 0, 1, "old one", "old two");
        BlobStoreSink shadow = live.openShadow();
        Checkpoint rebuilt = apply(shadow, 0, 10, "new ten");
        try (BlobStoreReader before = BlobStoreReader.open(root(), DOCUMENTS)) {
            live.promote(shadow);
            live.close();
            try (BlobStoreReader after = BlobStoreReader.open(root(), DOCUMENTS)) {
                assertThat(contents(after)).containsExactly(Map.entry(10L, "new ten"));
                // The old objects stay readable while the old reader is open.
                assertThat(contents(before)).containsExactly(Map.entry(1L, "old one"), Map.entry(2L, "old two"));
                assertThat(shadow.checkpoint()).isEqualTo(rebuilt);
                assertThat(shadow.hasShadow()).isFalse();
                apply(shadow, 1, 11, "new eleven");
                assertThat(contents(after)).containsOnlyKeys(10L, 11L);
                assertThat(before.count()).isEqualTo(2);
            }
            assertThat(entries()).contains("objects", "manifest.mv.db");
        }
        assertThat(entries()).containsExactly("CURRENT", "g1");
        shadow.close();
        try (BlobStoreSink reopened = openLive()) {
            assertThat(reopened.checkpoint()).isEqualTo(through(1));
            assertThat(reopened.hasShadow()).isFalse();
            assertThat(reopened.removeUnreferenced()).isZero();
        }
        assertThat(liveContents()).containsExactly(Map.entry(10L, "new ten"), Map.entry(11L, "new eleven"));
    }

    @Test
    void secondRebuildReplacesTheFirstGeneration() throws IOException {
        try (BlobStoreSink live = openLive()) {
            apply(live, 0, 1, "zero");
            BlobStoreSink first = live.openShadow();
            apply(first, 0, 1, "first");
            live.promote(first);
            try (BlobStoreSink second = first.openShadow()) {
                apply(second, 0, 1, "second");
                first.promote(second);
            }
        }
        assertThat(entries()).containsExactly("CURRENT", "g2");
        assertThat(liveContents()).containsExactly(Map.entry(1L, "second"));
    }

    @Test
    void discardShadowDropsItAndLeavesTheLiveStoreAlone() throws IOException {
        try (BlobStoreSink live = openLive()) {
            apply(live, 0, 1, "kept");
            BlobStoreSink shadow = live.openShadow();
            apply(shadow, 0, 1, "dropped");
            BlobStoreReader shadowReader = shadow.reader();
            shadow.close();
            live.discardShadow();
            assertThat(live.hasShadow()).isFalse();
            // Deleted only once its last reader closes.
            assertThat(contents(shadowReader)).containsExactly(Map.entry(1L, "dropped"));
            assertThat(entries()).contains("g1").doesNotContain("SHADOW");
            shadowReader.close();
            assertThat(entries()).doesNotContain("g1");
            assertThat(live.checkpoint()).isEqualTo(through(0));
        }
        assertThat(liveContents()).containsExactly(Map.entry(1L, "kept"));
    }

    @Test
    void shadowManifestIsItsOwnFile() {
        try (BlobStoreSink live = openLive(); BlobStoreSink shadow = live.openShadow()) {
            apply(live, 0, 1, "live");
            apply(shadow, 0, 2, "shadow");
            assertThat(live.count()).isEqualTo(1);
            assertThat(shadow.count()).isEqualTo(1);
            assertThatThrownBy(shadow::openShadow).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> live.promote(live)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Live {1: old} in the flat layout and a committed shadow g1 {1: new, 2: newer}, everything closed. */
    private void readyToPromote() {
        try (BlobStoreSink live = openLive(); BlobStoreSink shadow = live.openShadow()) {
            apply(live, 0, 1, "old");
            apply(shadow, 0, 1, "new", "newer");
        }
    }

    @Test
    void crashBeforeCurrentIsRenamedKeepsTheOldStoreAndTheShadow() throws IOException {
        readyToPromote();
        Files.writeString(datasetDir().resolve("CURRENT.tmp"), "g1\n");
        try (BlobStoreSink live = openLive()) {
            assertThat(live.checkpoint()).isEqualTo(through(0));
            try (BlobStoreSink shadow = live.openShadow()) {
                assertThat(shadow.checkpoint()).isEqualTo(through(1));
            }
        }
        assertThat(entries()).doesNotContain("CURRENT.tmp", "CURRENT").contains("SHADOW", "g1");
        assertThat(liveContents()).containsExactly(Map.entry(1L, "old"));
    }

    @Test
    void crashAfterCurrentIsRenamedCompletesThePromotionOnOpen() throws IOException {
        readyToPromote();
        Files.writeString(datasetDir().resolve("CURRENT"), "g1\n"); // SHADOW and the flat files are still there
        assertThat(liveContents()).containsExactly(Map.entry(1L, "new"), Map.entry(2L, "newer"));
        try (BlobStoreSink live = openLive()) {
            assertThat(live.hasShadow()).isFalse();
            assertThat(live.checkpoint()).isEqualTo(through(1));
        }
        assertThat(entries()).containsExactly("CURRENT", "g1");
    }

    @Test
    void crashWhileDeletingTheOldGenerationLeavesItForTheNextOpen() throws IOException {
        readyToPromote();
        // As a crash would leave it: CURRENT switched, SHADOW removed, the flat generation half deleted.
        Files.writeString(datasetDir().resolve("CURRENT"), "g1\n");
        Files.delete(datasetDir().resolve("SHADOW"));
        Files.delete(datasetDir().resolve("manifest.mv.db"));
        try (BlobStoreSink live = openLive()) {
            assertThat(live.count()).isEqualTo(2);
        }
        assertThat(entries()).containsExactly("CURRENT", "g1");
    }

    @Test
    void orphanGenerationFromAnInterruptedShadowCreationIsRemoved() throws IOException {
        try (BlobStoreSink live = openLive()) {
            apply(live, 0, 1, "kept");
        }
        Files.createDirectories(datasetDir().resolve("g3").resolve("objects"));
        Files.writeString(datasetDir().resolve("SHADOW.tmp"), "g3\n");
        try (BlobStoreSink live = openLive()) {
            assertThat(live.hasShadow()).isFalse();
            assertThat(entries()).doesNotContain("g3", "SHADOW.tmp");
        }
        assertThat(liveContents()).containsExactly(Map.entry(1L, "kept"));
    }

    @Test
    void swapStepNamesThePointerFileTheLiveAndTheShadowGeneration() {
        BlobStoreSink live = openLive();
        apply(live, 0, 1, "one");
        assertThat(live.swapStep()).startsWith("blob store (objects and manifest of one generation): one atomic rename of "
                + datasetDir().toAbsolutePath().normalize().resolve("CURRENT")).contains("from the live g0");
        BlobStoreSink shadow = live.openShadow();
        try {
            apply(shadow, 0, 1, "uno");
            assertThat(live.swapStep()).contains("to the shadow g1;");
            live.promote(shadow);
            assertThat(shadow.swapStep()).contains("from the live g1 to the shadow g2");
        } finally {
            live.close();
            shadow.close();
        }
    }
}
