package io.headwater.connectors.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.connectors.mvstore.KeyCodec;
import io.headwater.connectors.mvstore.SinkFixtures;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.ChangeOp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scans come in the order of {@link KeyCodec#sortable} bytes (unsigned), whether the index is
 * key-sorted (written by {@link LuceneSink} now) or not (written before the key sort existed), over
 * many segments with updates and deletes.
 */
class LuceneKeyOrderScanTest {
    @TempDir
    Path dir;

    /** A key type: a dataset keyed by it (plus a {@code note}) and a generator of keys from a small pool. */
    record KeyKind(String name, Dataset dataset, Function<Random, Row> keys) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final long[] EXTREME_LONGS = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -256, -1, 0, 1, 255, 256, Long.MAX_VALUE - 1, Long.MAX_VALUE};
    private static final String[] STRINGS = {"", "a", "a\u0000", "a\u0000b", "ab", "b", "A", "Z", "é", "e\u0301", "ß", "中文", "\uFFFD",
        "\uD83D\uDE00", "\uD83D\uDE00x", "zz", "ÿ", "Ω"};

    static Stream<KeyKind> keyKinds() {
        return Stream.of(
                new KeyKind("integers", dataset("ints", List.of(new Field("id", FieldType.INTEGER))),
                        r -> Row.of("id", r.nextInt(4) == 0 ? EXTREME_LONGS[r.nextInt(EXTREME_LONGS.length)]
                                : r.nextBoolean() ? (long) (r.nextInt(200) - 100) : r.nextLong())),
                new KeyKind("strings", dataset("strings", List.of(new Field("name", FieldType.STRING))),
                        r -> Row.of("name", string(r, 1 + r.nextInt(3)))),
                new KeyKind("uuids", dataset("uuids", List.of(new Field("request_id", FieldType.UUID))),
                        r -> Row.of("request_id", r.nextInt(5) == 0 ? new UUID(r.nextInt(3) - 1L, r.nextInt(3) - 1L)
                                : new UUID(r.nextLong(), r.nextInt(4)))),
                new KeyKind("composite", dataset("composite", List.of(new Field("region", FieldType.STRING), new Field("seq", FieldType.INTEGER))),
                        r -> Row.of("region", string(r, 1),
                                "seq", r.nextBoolean() ? EXTREME_LONGS[r.nextInt(EXTREME_LONGS.length)] : (long) r.nextInt(7) - 3)));
    }

    /** {@code pieces} of {@link #STRINGS} joined: prefixes of one another, NULs, non-ASCII, beyond the BMP. */
    private static String string(Random r, int pieces) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            sb.append(STRINGS[r.nextInt(STRINGS.length)]);
        }
        return sb.toString();
    }

    private static Dataset dataset(String name, List<Field> keyFields) {
        List<Field> fields = new ArrayList<>(keyFields);
        fields.add(new Field("note", FieldType.STRING));
        return new Dataset(new DatasetRef("derived", name), name, keyFields.stream().map(Field::name).toList(), fields, null);
    }

    /** The rows expected after the changes, in sortable-key order, like the store should hold them. */
    private static final class Model {
        private final TreeMap<byte[], Row> rows = new TreeMap<>(Arrays::compareUnsigned);
        private long offset;

        List<Row> rows() {
            return List.copyOf(rows.values());
        }
    }

    /** A batch of random upserts (often of keys seen before) and deletes, applied to the model too. */
    private static List<ChangeEvent> randomBatch(KeyKind kind, Random random, int batch, Model model) {
        List<ChangeEvent> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Row key = kind.keys().apply(random);
            byte[] sortable = KeyCodec.sortable(key);
            if (random.nextInt(4) == 0) {
                events.add(SinkFixtures.event(model.offset++, ChangeOp.DELETE, key, null, null));
                model.rows.remove(sortable);
            } else {
                Map<String, Object> values = new LinkedHashMap<>(key.asMap());
                values.put("note", "b" + batch + "-" + i);
                Row row = Row.of(values);
                events.add(SinkFixtures.event(model.offset++, ChangeOp.CREATE, key, null, row));
                model.rows.put(sortable, row);
            }
        }
        return events;
    }

    private static List<Row> scan(Path indexDir, Dataset dataset) {
        List<Row> rows = new ArrayList<>();
        try (LuceneReader reader = LuceneReader.open(indexDir, dataset)) {
            reader.scan(rows::add);
            assertThat(reader.count()).isEqualTo(rows.size());
        }
        return rows;
    }

    /** The index sort of each segment of the last commit (null: unsorted). */
    private static List<Sort> segmentSorts(Path indexDir) throws IOException {
        try (Directory d = FSDirectory.open(indexDir); DirectoryReader r = DirectoryReader.open(d)) {
            return r.leaves().stream().map(LeafReaderContext::reader).map(l -> l.getMetaData().getSort()).toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyKinds")
    void scanFollowsSortableKeyOrderAcrossSegmentsUpdatesAndDeletes(KeyKind kind) throws IOException {
        Path indexDir = dir.resolve(kind.name());
        Random random = new Random(42);
        Model model = new Model();
        for (int session = 0; session < 2; session++) {
            // Two sink sessions: reopening an index the sink sorted keeps it sorted. The first has
            // enough commits to merge segments; the few of the second leave small segments beside.
            try (LuceneSink sink = LuceneSink.open(indexDir, kind.dataset(), SinkFixtures.identity(kind.dataset()))) {
                for (int batch = 0; batch < (session == 0 ? 20 : 4); batch++) {
                    List<ChangeEvent> events = randomBatch(kind, random, session * 100 + batch, model);
                    sink.apply(events, SinkFixtures.through(model.offset - 1));
                }
            }
        }
        List<Sort> sorts = segmentSorts(indexDir);
        assertThat(sorts).hasSizeGreaterThan(1).containsOnly(LuceneDocuments.KEY_SORT);
        assertThat(model.rows()).hasSizeGreaterThan(20);
        assertThat(scan(indexDir, kind.dataset())).containsExactlyElementsOf(model.rows());
    }

    @Test
    void legacyUnsortedIndexScansInKeyOrderAndStaysWritable() throws IOException {
        KeyKind kind = keyKinds().filter(k -> k.name().equals("composite")).findFirst().orElseThrow();
        Dataset ds = kind.dataset();
        Path indexDir = dir.resolve("legacy");
        Random random = new Random(7);
        Model model = new Model();
        // Written the way LuceneSink wrote before the key sort: no index sort, no doc values.
        try (Directory d = FSDirectory.open(indexDir);
                IndexWriter writer = new IndexWriter(d, new IndexWriterConfig(new StandardAnalyzer()))) {
            for (int batch = 0; batch < 12; batch++) {
                for (ChangeEvent e : randomBatch(kind, random, batch, model)) {
                    if (e.after() == null) {
                        writer.deleteDocuments(LuceneDocuments.keyTerm(e.key()));
                    } else {
                        writer.updateDocument(LuceneDocuments.keyTerm(e.key()), LuceneDocuments.toDocument(e.key(), e.after(), ds, false));
                    }
                }
                writer.setLiveCommitData(Map.of(LuceneSink.CHECKPOINT_KEY, SinkFixtures.through(model.offset - 1).encode()).entrySet());
                writer.commit();
            }
        }
        assertThat(segmentSorts(indexDir)).hasSizeGreaterThan(1).containsOnlyNulls();
        assertThat(scan(indexDir, ds)).containsExactlyElementsOf(model.rows());

        try (LuceneSink sink = LuceneSink.open(indexDir, ds, SinkFixtures.identity(ds))) {
            assertThat(sink.checkpoint()).isEqualTo(SinkFixtures.through(model.offset - 1));
            for (int batch = 0; batch < 5; batch++) {
                List<ChangeEvent> events = randomBatch(kind, random, 100 + batch, model);
                sink.apply(events, SinkFixtures.through(model.offset - 1));
            }
        }
        assertThat(segmentSorts(indexDir)).containsOnlyNulls();
        assertThat(scan(indexDir, ds)).containsExactlyElementsOf(model.rows());
    }
}
