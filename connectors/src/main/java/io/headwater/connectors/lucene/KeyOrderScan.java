package io.headwater.connectors.lucene;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.Row;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;

/**
 * Streams every live document of an index in key order: a k-way merge of the segments, each read
 * in key order by a {@link LeafCursor}, ordered by the unsigned bytes of their current keys. Holds
 * one pending document per segment. Keys are unique among live documents ({@link LuceneSink}
 * replaces by key), so the merge never has to break a tie. Stateless and thread-safe; one scan
 * runs on the calling thread.
 */
final class KeyOrderScan {
    private KeyOrderScan() {
    }

    static void run(DirectoryReader reader, Dataset dataset, Consumer<Row> sink) throws IOException {
        Set<String> fields = dataset.fields().stream().map(Field::name).collect(Collectors.toUnmodifiableSet());
        List<LeafReaderContext> leaves = reader.leaves();
        PriorityQueue<LeafCursor> queue = new PriorityQueue<>(Math.max(1, leaves.size()), Comparator.comparing(LeafCursor::key));
        for (LeafReaderContext leaf : leaves) {
            LeafCursor cursor = LeafCursor.open(leaf.reader(), fields);
            if (cursor.next()) {
                queue.add(cursor);
            }
        }
        while (!queue.isEmpty()) {
            LeafCursor cursor = queue.poll();
            sink.accept(LuceneDocuments.toRow(cursor.document(), dataset));
            if (cursor.next()) {
                queue.add(cursor);
            }
        }
    }
}
