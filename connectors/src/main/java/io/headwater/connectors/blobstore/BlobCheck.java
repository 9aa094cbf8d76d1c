package io.headwater.connectors.blobstore;

import io.headwater.engine.model.Row;
import java.nio.file.Path;

/**
 * What re-reading one stored object found.
 *
 * @param key            the record's key
 * @param field          the bytes field
 * @param path           the object's file
 * @param expectedSha256 the hash computed from the bytes when they were stored (the file's name)
 * @param expectedSize   their size then
 * @param declaredSha256 the hash the record itself declares (a mapped {@code sha256} field), or null
 * @param actualSha256   the hash of the file now, or null when it is missing
 * @param actualSize     the file's size now, or -1 when it is missing
 */
public record BlobCheck(Row key, String field, Path path, String expectedSha256, long expectedSize, String declaredSha256,
                        String actualSha256, long actualSize) {

    /** The verdict on the file. */
    public enum Status { INTACT, MISSING, TRUNCATED, CORRUPT }

    public Status status() {
        if (actualSha256 == null) {
            return Status.MISSING;
        }
        if (actualSha256.equals(expectedSha256)) {
            return Status.INTACT;
        }
        return actualSize < expectedSize ? Status.TRUNCATED : Status.CORRUPT;
    }

    /** Whether the declared hash (when there is one) names the stored bytes; a mismatch came from upstream. */
    public boolean declaredMatches() {
        return declaredSha256 == null || declaredSha256.equalsIgnoreCase(expectedSha256);
    }
}
