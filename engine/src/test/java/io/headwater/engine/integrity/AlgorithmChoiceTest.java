package io.headwater.engine.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.spi.VerifySide;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which fingerprint algorithm a verification of two sides uses, from what each side computes where its data lives. */
class AlgorithmChoiceTest {
    private static final List<FingerprintAlgorithm> POSTGRES_LIKE = List.of(FingerprintAlgorithm.LOOKUP3_64, FingerprintAlgorithm.SHA256_64);

    /** A side that says it computes these algorithms (the rows side computes any, so the claim holds). */
    private static VerifySide offering(VerifySide side, List<FingerprintAlgorithm> algorithms) {
        return new DelegatingVerifySide() {
            @Override
            protected VerifySide delegate() {
                return side;
            }

            @Override
            public List<FingerprintAlgorithm> pushedDownAlgorithms() {
                return algorithms;
            }
        };
    }

    @Test
    void pushesDownTheFirstAlgorithmBothSidesCompute() {
        Scenario s = Scenario.of(Fixtures.KeyKind.INTEGER, 3_000, 12, 7L);
        VerifySide source = offering(s.sourceSide(true), POSTGRES_LIKE);
        VerifySide target = offering(s.derivedSide(true), POSTGRES_LIKE);
        assertThat(VerifyOptions.defaults().algorithmFor(source, target)).isEqualTo(FingerprintAlgorithm.LOOKUP3_64);
        List<Finding> all = new ArrayList<>();
        VerificationResult result = new Verifier(VerifyOptions.defaults()).withFindingSink(all::add).verify(source, target);
        assertThat(result.algorithm()).isEqualTo(FingerprintAlgorithm.LOOKUP3_64);
        s.assertFoundExactly(all, result);
    }

    @Test
    void fallsBackToSha256WhenTheSidesShareNothingFaster() {
        Scenario s = Scenario.of(Fixtures.KeyKind.INTEGER, 100, 0, 8L);
        VerifySide postgres = offering(s.sourceSide(true), POSTGRES_LIKE);
        VerifySide other = s.derivedSide(true); // the default: SHA256_64 only
        assertThat(other.pushedDownAlgorithms()).containsExactly(FingerprintAlgorithm.SHA256_64);
        assertThat(VerifyOptions.defaults().algorithmFor(postgres, other)).isEqualTo(FingerprintAlgorithm.SHA256_64);
        assertThat(VerifyOptions.defaults().algorithmFor(other, postgres)).isEqualTo(FingerprintAlgorithm.SHA256_64);
    }

    @Test
    void auditsWithSha256AndHonoursAnAlgorithmAskedFor() {
        Scenario s = Scenario.of(Fixtures.KeyKind.INTEGER, 100, 0, 9L);
        VerifySide source = offering(s.sourceSide(true), POSTGRES_LIKE);
        VerifySide target = offering(s.derivedSide(true), POSTGRES_LIKE);
        assertThat(VerifyOptions.defaults().withAudit(true).algorithmFor(source, target)).isEqualTo(FingerprintAlgorithm.SHA256_64);
        assertThat(VerifyOptions.defaults().withAlgorithm(FingerprintAlgorithm.XXH3_64).algorithmFor(source, target))
                .isEqualTo(FingerprintAlgorithm.XXH3_64);
    }

    @Test
    void hashesInJavaWithXxh3WhenASideDoesNotPushDown() {
        Scenario s = Scenario.of(Fixtures.KeyKind.INTEGER, 100, 0, 10L);
        assertThat(s.sourceSide(false).pushedDownAlgorithms()).isEmpty();
        assertThat(VerifyOptions.defaults().algorithmFor(offering(s.sourceSide(true), POSTGRES_LIKE), s.derivedSide(false)))
                .isEqualTo(FingerprintAlgorithm.XXH3_64);
    }
}
