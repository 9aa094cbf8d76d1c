package io.headwater.engine.integrity;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import io.headwater.engine.integrity.internal.Lookup3;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * How a record's canonical text becomes a 64-bit fingerprint. Both sides of one verification use
 * the same algorithm.
 */
public enum FingerprintAlgorithm {
    /** XXH3-64 of the UTF-8 text: the fastest; used when both sides are hashed in Java. */
    XXH3_64,
    /**
     * The first 8 bytes (big-endian) of the SHA-256 of the UTF-8 text: computable inside PostgreSQL
     * and H2, so used whenever a side pushes its checksums down into SQL, and in audit mode.
     */
    SHA256_64,
    /**
     * PostgreSQL's {@code hashtextextended(text, 0)} of the UTF-8 text: Bob Jenkins' lookup3 as
     * PostgreSQL's {@code hash_bytes_extended} computes it, reproduced exactly in Java. About three
     * times as cheap as SHA-256 inside PostgreSQL, so pushed down when both sides are PostgreSQL,
     * and reproducible for a side that is not. Not a cryptographic hash: never used for audits.
     */
    LOOKUP3_64;

    private static final Hasher64 XXH3 = Hashing.xxh3_64();
    /** Looking a digest up costs more than hashing a short record, so each thread keeps one. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(FingerprintAlgorithm::newSha256);

    /** The fingerprint of a canonical text ({@link CanonicalForm#text}). */
    public long fingerprint(String canonicalText) {
        byte[] utf8 = canonicalText.getBytes(StandardCharsets.UTF_8);
        return switch (this) {
            case XXH3_64 -> XXH3.hashBytesToLong(utf8);
            case SHA256_64 -> ByteBuffer.wrap(SHA256.get().digest(utf8)).getLong();
            case LOOKUP3_64 -> Lookup3.hashBytesExtended(utf8, 0);
        };
    }

    /** The full SHA-256 of bytes. */
    public static byte[] sha256(byte[] bytes) {
        return SHA256.get().digest(bytes);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
