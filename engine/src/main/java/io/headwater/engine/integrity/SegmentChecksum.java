package io.headwater.engine.integrity;

/**
 * The order-independent checksum of a set of records: how many there are and the sum, modulo
 * 2^64 (Java's long overflow), of their fingerprints. Equal sets give equal checksums whatever
 * the order they were read in.
 */
public record SegmentChecksum(long count, long sum) {
    public static final SegmentChecksum EMPTY = new SegmentChecksum(0, 0);

    public SegmentChecksum plus(long fingerprint) {
        return new SegmentChecksum(count + 1, sum + fingerprint);
    }

    public SegmentChecksum plus(SegmentChecksum other) {
        return new SegmentChecksum(count + other.count, sum + other.sum);
    }

    /** A sum computed exactly elsewhere (e.g. SQL NUMERIC), reduced modulo 2^64. */
    public static long reduce(java.math.BigInteger exactSum) {
        return exactSum.longValue();
    }
}
