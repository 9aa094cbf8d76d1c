package io.headwater.connectors.blobstore;

import io.headwater.connectors.mvstore.RowCodec;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record of the manifest: the row's non-bytes fields as mapped, and per bytes field the hash
 * and size computed from the bytes (the file's name). Encoded with {@link RowCodec}; a bytes field
 * {@code content} is held as entries {@code @content.sha256} and {@code @content.size}.
 *
 * @param fields the mapped non-bytes fields, declared values included (e.g. a mapped {@code sha256})
 * @param blobs  per bytes field with a value: its computed content reference
 */
record ManifestEntry(Row fields, Map<String, BlobRef> blobs) {

    /** A stored object: its computed SHA-256 (hex) and size in bytes. */
    record BlobRef(String sha256, long size) {
    }

    static ManifestEntry of(Row row, Dataset dataset, Map<String, BlobRef> blobs) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Field f : dataset.fields()) {
            if (f.type() != FieldType.BYTES) {
                fields.put(f.name(), row.get(f.name()));
            }
        }
        return new ManifestEntry(Row.of(fields), Map.copyOf(blobs));
    }

    byte[] encode() {
        Map<String, Object> m = new LinkedHashMap<>(fields.asMap());
        blobs.forEach((field, ref) -> {
            m.put("@" + field + ".sha256", ref.sha256());
            m.put("@" + field + ".size", ref.size());
        });
        return RowCodec.encode(Row.of(m));
    }

    static ManifestEntry decode(byte[] data) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        Map<String, Long> sizes = new LinkedHashMap<>();
        RowCodec.decode(data).asMap().forEach((k, v) -> {
            if (k.startsWith("@") && k.endsWith(".sha256")) {
                hashes.put(k.substring(1, k.length() - ".sha256".length()), (String) v);
            } else if (k.startsWith("@") && k.endsWith(".size")) {
                sizes.put(k.substring(1, k.length() - ".size".length()), (Long) v);
            } else {
                fields.put(k, v);
            }
        });
        Map<String, BlobRef> blobs = new LinkedHashMap<>();
        hashes.forEach((f, sha) -> blobs.put(f, new BlobRef(sha, sizes.getOrDefault(f, -1L))));
        return new ManifestEntry(Row.of(fields), blobs);
    }
}
