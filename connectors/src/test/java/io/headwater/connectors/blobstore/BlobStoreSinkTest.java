package io.headwater.connectors.blobstore;

import static io.headwater.connectors.mvstore.SinkFixtures.col;
import static io.headwater.connectors.mvstore.SinkFixtures.through;
import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.connectors.mvstore.SinkContract;
import io.headwater.connectors.mvstore.SinkFixtures;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.MappedField;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.ChangeOp;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.DerivedSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BlobStoreSinkTest extends SinkContract {
    /** The demo's blobs.documents, fed by store-documents (sha256 ← content_sha256). */
    static final Dataset DOCUMENTS = new Dataset(new DatasetRef("blobs", "documents"), "documents", List.of("id"), List.of(
            new Field("id", FieldType.INTEGER), new Field("customer_id", FieldType.INTEGER), new Field("sha256", FieldType.STRING),
            new Field("size", FieldType.INTEGER), new Field("content", FieldType.BYTES)), null);
    static final Flow STORE_DOCUMENTS = new Flow("store-documents", FlowKind.CONSUME, new DatasetRef("kafka", "documents"),
            DOCUMENTS.ref(), List.of(new MappedField("id", col("id")), new MappedField("customer_id", col("customer_id")),
            new MappedField("sha256", col("content_sha256")), new MappedField("size", col("size")), new MappedField("content", col("content"))));

    private Path root() {
        return dir.resolve("blobs");
    }

    @Override
    protected DerivedSink openSink(Dataset dataset, Flow flow) {
        return BlobStoreSink.open(root(), dataset, flow);
    }

    @Override
    protected DatasetReader openReader(Dataset dataset) {
        return BlobStoreReader.open(root(), dataset);
    }

    static Row document(long id, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Row.of("id", id, "customer_id", 1L, "title", "doc " + id, "content_type", "text/plain", "size", (long) bytes.length,
                "content_sha256", BlobObjects.sha256(bytes), "content", bytes, "created_at", null);
    }

    static ChangeEvent put(long offset, Row doc) {
        return SinkFixtures.event(offset, ChangeOp.CREATE, Row.of("id", doc.get("id")), null, doc);
    }

    private List<Path> objectFiles() throws IOException {
        Path objects = root().resolve("documents").resolve("objects");
        if (!Files.exists(objects)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(objects)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void filesAreNamedByTheHashOfTheirBytes() throws IOException {
        try (BlobStoreSink sink = BlobStoreSink.open(root(), DOCUMENTS, STORE_DOCUMENTS)) {
            sink.apply(List.of(put(0, document(1, "hello"))), through(0));
        }
        String sha = BlobObjects.sha256("hello".getBytes(StandardCharsets.UTF_8));
        Path expected = root().resolve("documents").resolve("objects").resolve(sha.substring(0, 2)).resolve(sha.substring(2));
        assertThat(objectFiles()).containsExactly(expected);
        try (BlobStoreReader reader = BlobStoreReader.open(root(), DOCUMENTS)) {
            assertThat(reader.contentPath(Row.of("id", 1L), "content")).contains(expected);
            Row row = reader.lookup(Row.of("id", 1L)).orElseThrow();
            assertThat(new String((byte[]) row.get("content"), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(row.get("sha256")).isEqualTo(sha);
            assertThat(reader.verifyContent(Row.of("id", 1L))).singleElement()
                    .satisfies(c -> assertThat(c.status()).isEqualTo(BlobCheck.Status.INTACT))
                    .satisfies(c -> assertThat(c.declaredMatches()).isTrue());
        }
    }

    @Test
    void sharedContentStaysUntilItsLastReferenceGoes() throws IOException {
        try (BlobStoreSink sink = BlobStoreSink.open(root(), DOCUMENTS, STORE_DOCUMENTS)) {
            sink.apply(List.of(put(0, document(1, "same")), put(1, document(2, "same"))), through(1));
            assertThat(objectFiles()).hasSize(1);
            sink.apply(List.of(SinkFixtures.event(2, ChangeOp.DELETE, Row.of("id", 1L), null, null)), through(2));
            assertThat(objectFiles()).hasSize(1);
            sink.apply(List.of(SinkFixtures.event(3, ChangeOp.DELETE, Row.of("id", 2L), null, null)), through(3));
            assertThat(objectFiles()).isEmpty();
            assertThat(sink.count()).isZero();
        }
    }

    @Test
    void replacedContentRemovesTheUnreferencedFile() throws IOException {
        try (BlobStoreSink sink = BlobStoreSink.open(root(), DOCUMENTS, STORE_DOCUMENTS)) {
            sink.apply(List.of(put(0, document(1, "first"))), through(0));
            sink.apply(List.of(put(1, document(1, "second")), put(2, document(1, "third"))), through(2));
        }
        String third = BlobObjects.sha256("third".getBytes(StandardCharsets.UTF_8));
        assertThat(objectFiles()).extracting(p -> p.getParent().getFileName().toString() + p.getFileName()).containsExactly(third);
    }

    @Test
    void reappliedBatchKeepsOneFilePerContent() throws IOException {
        List<ChangeEvent> batch = List.of(put(0, document(1, "a")), put(1, document(2, "b")));
        try (BlobStoreSink sink = BlobStoreSink.open(root(), DOCUMENTS, STORE_DOCUMENTS)) {
            sink.apply(batch, through(1));
            List<Path> once = objectFiles();
            sink.apply(batch, through(1));
            assertThat(objectFiles()).isEqualTo(once).hasSize(2);
            assertThat(sink.count()).isEqualTo(2);
        }
    }

    @Test
    void truncatedCorruptAndMissingFilesAreDetected() throws IOException {
        try (BlobStoreSink sink = BlobStoreSink.open(root(), DOCUMENTS, STORE_DOCUMENTS)) {
            sink.apply(List.of(put(0, document(1, "one one one")), put(1, document(2, "two two two")), put(2, document(3, "three"))), through(2));
        }
        try (BlobStoreReader reader = BlobStoreReader.open(root(), DOCUMENTS)) {
            Path one = reader.contentPath(Row.of("id", 1L), "content").orElseThrow();
            Files.write(one, "one one".getBytes(StandardCharsets.UTF_8));
            Path two = reader.contentPath(Row.of("id", 2L), "content").orElseThrow();
            byte[] bytes = Files.readAllBytes(two);
            bytes[0] ^= 0x01;
            Files.write(two, bytes);
            Files.delete(reader.contentPath(Row.of("id", 3L), "content").orElseThrow());

            List<BlobCheck.Status> statuses = new ArrayList<>();
            reader.verifyAll(c -> statuses.add(c.status()));
            assertThat(statuses).containsExactly(BlobCheck.Status.TRUNCATED, BlobCheck.Status.CORRUPT, BlobCheck.Status.MISSING);
            assertThat(reader.lookup(Row.of("id", 3L)).orElseThrow().get("content")).isNull();
        }
    }

    @Test
    void declaredHashThatDiffersIsKeptBesideTheComputedOne() {
        Row lying = Row.of("id", 5L, "customer_id", 1L, "size", 3L, "content_sha256", "00ff", "content", new byte[] {1, 2, 3});
        try (BlobStoreSink sink = BlobStoreSink.open(root(), DOCUMENTS, STORE_DOCUMENTS)) {
            sink.apply(List.of(put(0, lying)), through(0));
        }
        try (BlobStoreReader reader = BlobStoreReader.open(root(), DOCUMENTS)) {
            BlobCheck check = reader.verifyContent(Row.of("id", 5L)).get(0);
            assertThat(check.declaredSha256()).isEqualTo("00ff");
            assertThat(check.expectedSha256()).isEqualTo(BlobObjects.sha256(new byte[] {1, 2, 3}));
            assertThat(check.declaredMatches()).isFalse();
            assertThat(check.status()).isEqualTo(BlobCheck.Status.INTACT);
            assertThat(reader.lookup(Row.of("id", 5L)).orElseThrow().get("sha256")).isEqualTo("00ff");
        }
    }

    @Test
    void unreferencedFilesLeftByACrashAreSwept() throws IOException {
        try (BlobStoreSink sink = BlobStoreSink.open(root(), DOCUMENTS, STORE_DOCUMENTS)) {
            sink.apply(List.of(put(0, document(1, "kept"))), through(0));
            // What a crash between writing an object and committing the manifest leaves behind:
            BlobStoreLayout.objects(BlobStoreLayout.generations(root(), DOCUMENTS).live()).write("orphan".getBytes(StandardCharsets.UTF_8));
            assertThat(objectFiles()).hasSize(2);
            assertThat(sink.removeUnreferenced()).isEqualTo(1);
        }
        assertThat(objectFiles()).extracting(p -> p.getParent().getFileName().toString() + p.getFileName())
                .containsExactly(BlobObjects.sha256("kept".getBytes(StandardCharsets.UTF_8)));
    }
}
