package io.headwater.connectors.blobstore;

import io.headwater.connectors.mvstore.MvStoreFile;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a dataset lives under a blob store root:
 * <pre>
 * &lt;root&gt;/&lt;physicalName&gt;/objects/ab/cdef...   content files, named by SHA-256
 * &lt;root&gt;/&lt;physicalName&gt;/manifest.mv.db      MVStore: map "manifest" (sortable key to entry),
 *                                         map "refs" (hash to reference count),
 *                                         map "_checkpoints" (physical name to checkpoint)
 * </pre>
 */
final class BlobStoreLayout {
    static final String MANIFEST = "manifest";
    static final String REFS = "refs";

    private BlobStoreLayout() {
    }

    static Path datasetDir(Path root, Dataset dataset) {
        return root.resolve(dataset.physicalName());
    }

    static Path manifestFile(Path root, Dataset dataset) {
        return datasetDir(root, dataset).resolve("manifest.mv.db");
    }

    static BlobObjects objects(Path root, Dataset dataset) {
        return new BlobObjects(datasetDir(root, dataset).resolve("objects"));
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
