package io.headwater.connectors.lucene;

import io.headwater.connectors.generations.GenerationPin;
import io.headwater.connectors.generations.StoreGenerations;
import io.headwater.connectors.mvstore.KeyCodec;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Row;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

/**
 * Deleted documents a Lucene index still holds in its segment files: a delete only marks a
 * document, and its stored fields stay on disk until a merge rewrites the segment. Reads the live
 * generation's last commit; safe beside an open {@link LuceneSink}.
 */
public final class LuceneResidue {
    private LuceneResidue() {
    }

    /** How many deleted (not yet merged away) documents of the index have the given key, and how many deleted documents it holds in all. */
    public record Count(long withKey, long deleted) {
    }

    public static Count deletedWithKey(Path indexDir, Row key) {
        String wanted = KeyCodec.text(key);
        StoreGenerations generations = StoreGenerations.at(indexDir, LuceneSink.STORE);
        try (GenerationPin pin = generations.pinLive(); Directory dir = FSDirectory.open(pin.generation().dir());
             DirectoryReader reader = DirectoryReader.open(dir)) {
            long with = 0;
            long deleted = 0;
            for (LeafReaderContext ctx : reader.leaves()) {
                LeafReader leaf = ctx.reader();
                Bits live = leaf.getLiveDocs();
                if (live == null) {
                    continue;
                }
                StoredFields stored = leaf.storedFields();
                for (int doc = 0; doc < leaf.maxDoc(); doc++) {
                    if (!live.get(doc)) {
                        deleted++;
                        Document d = stored.document(doc);
                        if (wanted.equals(d.get(LuceneDocuments.KEY))) {
                            with++;
                        }
                    }
                }
            }
            return new Count(with, deleted);
        } catch (IOException e) {
            throw new StoreException(LuceneSink.STORE + " " + indexDir + " cannot be read for deleted documents: " + e.getMessage(), e);
        }
    }
}
