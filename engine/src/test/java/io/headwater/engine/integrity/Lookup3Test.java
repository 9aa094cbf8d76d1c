package io.headwater.engine.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.engine.integrity.internal.Lookup3;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The Java lookup3 against values PostgreSQL 15 returned for {@code hashtextextended} (on x86-64,
 * UTF-8 database). The agreement on generated texts is tested against a live server in the
 * connectors' {@code PostgresHashAgreementIT}.
 */
class Lookup3Test {
    private static long pg(String text, long seed) {
        return Lookup3.hashBytesExtended(text.getBytes(StandardCharsets.UTF_8), seed);
    }

    @Test
    void matchesPostgresOnRecordedValues() {
        assertThat(pg("", 0)).isEqualTo(-6939563903564495251L);
        assertThat(pg("a", 0)).isEqualTo(3591986179850072241L);
        assertThat(pg("hello world!", 0)).isEqualTo(-2866487628948787489L); // exactly one 12-byte block
        assertThat(pg("hw1|1|caf\u00e9|\u03a9\u6f22\u5b57\ud83d\ude00 long text here", 0)).isEqualTo(3411804717834681942L);
    }

    @Test
    void mixesANonZeroSeedIntoTheState() {
        assertThat(pg("abc", 42)).isEqualTo(4423357919252764502L);
        assertThat(pg("abcdefghijklmnop", -1)).isEqualTo(5590415279907605704L);
    }

    @Test
    void isTheAlgorithmOfLookup3Fingerprints() {
        assertThat(FingerprintAlgorithm.LOOKUP3_64.fingerprint("hello world!")).isEqualTo(-2866487628948787489L);
    }

    @Test
    void isNotAcceptedForAudits() {
        assertThatThrownBy(() -> new VerifyOptions(FingerprintAlgorithm.LOOKUP3_64, 0, 10, 10, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SHA256_64");
    }
}
