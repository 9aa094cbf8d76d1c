package io.headwater.connectors.blobstore;

import io.headwater.connectors.generations.Generation;
import io.headwater.connectors.generations.StoreGenerations;
import io.headwater.connectors.mvstore.MvStoreFile;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a dataset lives under a blob store root. {@code <root>/<physicalName>} is the dataset's
 * stable path, holding its generations ({@link StoreGenerations}); each generation directory —
 * {@code g<n>/}, or the stable path itself for a store never rebuilt (generation 0) — holds a
 * complete store:
 * <pre>
 * &lt;gen&gt;/objects/ab/cdef...   content files, named by SHA-256
 * &lt;gen&gt;/manifest.mv.db      MVStore: map "manifest" (sortable key to entry),
 *                           map "refs" (hash to reference count),
 *                           map "_checkpoints" (physical name to checkpoint)
 * </pre>
 * Each generation has its own objects, so a rebuild writes every object again; sharing objects by
 * hash across generations (hard links, or one pool with per-generation reference counts) would
 * save that, at the cost of a cross-generation sweep.
 */
final class BlobStoreLayout {
    static final String MANIFEST = "manifest";
    static final String REFS = "refs";
    static final String STORE = "blob store";

    private BlobStoreLayout() {
    }

    static StoreGenerations generations(Path root, Dataset dataset) {
        return StoreGenerations.at(root.resolve(dataset.physicalName()), STORE);
    }

    /** The manifest of one generation: a different file per generation, so MvStoreFile never shares it across them. */
    static Path manifestFile(Generation generation) {
        return generation.dir().resolve("manifest.mv.db");
    }

    static BlobObjects objects(Generation generation) {
        return new BlobObjects(generation.dir().resolve("objects"));
    }

    static List<Field> bytesFields(Dataset dataset) {
        return dataset.fields().stream().filter(f -> f.type() == FieldType.BYTES).toList();
    }

    /** The string field that declares the content hash: {@code sha256} or {@code *_sha256}. */
    static Optional<String> declaredHashField(Dataset dataset) {
        return dataset.fields().stream().filter(f -> f.type() == FieldType.STRING)
                .map(Field::name).filter(n -> n.equals("sha256") || n.endsWith("_sha256")).findFirst();
    }

    static String checkpointsMap() {
        return MvStoreFile.CHECKPOINTS;
    }
}
