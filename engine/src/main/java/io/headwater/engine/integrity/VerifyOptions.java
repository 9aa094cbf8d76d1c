package io.headwater.engine.integrity;

import io.headwater.engine.spi.VerifySide;
import java.util.List;

/**
 * How a {@link Verifier} runs.
 *
 * @param algorithm     the fingerprint algorithm, or null to choose: in audit mode {@link FingerprintAlgorithm#SHA256_64};
 *                      when both sides push down, the first of the source's
 *                      {@link VerifySide#pushedDownAlgorithms()} that the target shares (SHA256_64 if none);
 *                      else {@link FingerprintAlgorithm#XXH3_64}
 * @param segments      the number of top-level segments, or 0 to scale it with the number of
 *                      records (at least {@value #DEFAULT_SEGMENTS})
 * @param leafSize      a segment holding at most this many records is compared record by record
 * @param maxKeysListed how many findings of each type the result lists (the counts are exact)
 * @param audit         SHA-256 per record and a Merkle root over the source's top-level segments
 */
public record VerifyOptions(FingerprintAlgorithm algorithm, int segments, int leafSize, int maxKeysListed, boolean audit) {
    /** Top-level segments for up to about a million records. */
    public static final int DEFAULT_SEGMENTS = 64;
    /** The most top-level segments chosen automatically. */
    public static final int MAX_AUTO_SEGMENTS = 4096;
    public static final int DEFAULT_LEAF_SIZE = 2_000;
    public static final int DEFAULT_MAX_KEYS_LISTED = 100;

    public VerifyOptions {
        if (segments < 0) {
            throw new IllegalArgumentException("segments must be 0 (automatic) or positive, not " + segments);
        }
        if (leafSize < 1) {
            throw new IllegalArgumentException("leafSize must be positive, not " + leafSize);
        }
        if (maxKeysListed < 0) {
            throw new IllegalArgumentException("maxKeysListed must not be negative, not " + maxKeysListed);
        }
        if (audit && algorithm != null && algorithm != FingerprintAlgorithm.SHA256_64) {
            throw new IllegalArgumentException("audit mode fingerprints with SHA256_64, not " + algorithm);
        }
    }

    /** Automatic algorithm and segments, leaves of {@value #DEFAULT_LEAF_SIZE}, {@value #DEFAULT_MAX_KEYS_LISTED} keys listed. */
    public static VerifyOptions defaults() {
        return new VerifyOptions(null, 0, DEFAULT_LEAF_SIZE, DEFAULT_MAX_KEYS_LISTED, false);
    }

    public VerifyOptions withAlgorithm(FingerprintAlgorithm newAlgorithm) {
        return new VerifyOptions(newAlgorithm, segments, leafSize, maxKeysListed, audit);
    }

    public VerifyOptions withSegments(int newSegments) {
        return new VerifyOptions(algorithm, newSegments, leafSize, maxKeysListed, audit);
    }

    public VerifyOptions withLeafSize(int newLeafSize) {
        return new VerifyOptions(algorithm, segments, newLeafSize, maxKeysListed, audit);
    }

    public VerifyOptions withMaxKeysListed(int newMaxKeysListed) {
        return new VerifyOptions(algorithm, segments, leafSize, newMaxKeysListed, audit);
    }

    public VerifyOptions withAudit(boolean newAudit) {
        return new VerifyOptions(newAudit ? null : algorithm, segments, leafSize, maxKeysListed, newAudit);
    }

    /** The algorithm a verification of these two sides uses. */
    public FingerprintAlgorithm algorithmFor(VerifySide source, VerifySide target) {
        if (audit) {
            return FingerprintAlgorithm.SHA256_64;
        }
        if (algorithm != null) {
            return algorithm;
        }
        if (source.pushesDown() && target.pushesDown()) {
            List<FingerprintAlgorithm> theirs = target.pushedDownAlgorithms();
            return source.pushedDownAlgorithms().stream().filter(theirs::contains).findFirst().orElse(FingerprintAlgorithm.SHA256_64);
        }
        return FingerprintAlgorithm.XXH3_64;
    }

    /** The number of top-level segments for a side of this many records. */
    public int segmentsFor(long records) {
        if (segments > 0) {
            return segments;
        }
        long scaled = records / (leafSize * 8L);
        return (int) Math.max(DEFAULT_SEGMENTS, Math.min(MAX_AUTO_SEGMENTS, scaled));
    }
}
