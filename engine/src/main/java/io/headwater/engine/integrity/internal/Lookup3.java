package io.headwater.engine.integrity.internal;

/**
 * Bob Jenkins' lookup3 hash as PostgreSQL computes it in {@code hash_bytes_extended} (its
 * {@code src/common/hashfn.c}), the function behind {@code hashtextextended(text, seed)}: the same
 * 64 bits for the same bytes, so a checksum PostgreSQL sums in SQL can be reproduced in Java for a
 * side that is not PostgreSQL. Words are read little-endian, as PostgreSQL does on the little-endian
 * machines it runs on (x86-64, ARM64); a big-endian server would hash differently. Stateless and
 * thread-safe.
 */
public final class Lookup3 {
    private static final int GOLDEN = 0x9e3779b9;
    /** PostgreSQL's addition to the initial state (lookup3's own initialisation uses 0 here). */
    private static final int PG_INIT = 3923095;

    private Lookup3() {
    }

    /** {@code hash_bytes_extended(k, k.length, seed)}: the high word is lookup3's {@code b}, the low word {@code c}. */
    public static long hashBytesExtended(byte[] k, long seed) {
        int len = k.length;
        int a = GOLDEN + len + PG_INIT;
        int b = a;
        int c = a;
        if (seed != 0) {
            a += (int) (seed >>> 32);
            b += (int) seed;
            // mix(a, b, c), inlined below as in every other place
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
        }
        int i = 0;
        int remaining = len;
        while (remaining >= 12) {
            a += word(k, i);
            b += word(k, i + 4);
            c += word(k, i + 8);
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
            i += 12;
            remaining -= 12;
        }
        // The last 0..11 bytes; the lowest byte of c is left for the length (already in the state).
        switch (remaining) {
            case 11: c += (k[i + 10] & 0xff) << 24; // fall through
            case 10: c += (k[i + 9] & 0xff) << 16; // fall through
            case 9: c += (k[i + 8] & 0xff) << 8; // fall through
            case 8: b += (k[i + 7] & 0xff) << 24; // fall through
            case 7: b += (k[i + 6] & 0xff) << 16; // fall through
            case 6: b += (k[i + 5] & 0xff) << 8; // fall through
            case 5: b += k[i + 4] & 0xff; // fall through
            case 4: a += (k[i + 3] & 0xff) << 24; // fall through
            case 3: a += (k[i + 2] & 0xff) << 16; // fall through
            case 2: a += (k[i + 1] & 0xff) << 8; // fall through
            case 1: a += k[i] & 0xff; // fall through
            default: break;
        }
        // final(a, b, c)
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return ((long) b << 32) | (c & 0xffffffffL);
    }

    private static int word(byte[] k, int i) {
        return (k[i] & 0xff) | (k[i + 1] & 0xff) << 8 | (k[i + 2] & 0xff) << 16 | (k[i + 3] & 0xff) << 24;
    }
}
