package io.headwater.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusRuleTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);
    private final StatusRule rule = new StatusRule(List.of("undeclared-pii"), List.of("declared-pii-absent"), AuditStatus.PASS, AuditStatus.NOT_APPLICABLE);

    private static Evidence finding(String code) {
        return Evidence.of("p", "pg.customers", CLOCK).finding(code, "x");
    }

    private static Evidence fact() {
        return Evidence.of("p", "pg.customers", CLOCK).fact("pii-confirmed", "x");
    }

    @Test
    void noEvidenceIsNotApplicable() {
        assertThat(rule.suggest(List.of())).isEqualTo(AuditStatus.NOT_APPLICABLE);
    }

    @Test
    void onlyFactsPass() {
        assertThat(rule.suggest(List.of(fact(), fact()))).isEqualTo(AuditStatus.PASS);
    }

    @Test
    void aFailCodeFailsEvenBesideReviewCodes() {
        assertThat(rule.suggest(List.of(finding("declared-pii-absent"), finding("undeclared-pii"), fact()))).isEqualTo(AuditStatus.FAIL);
    }

    @Test
    void reviewCodesUnknownCodesAndUnavailableEvidenceNeedReview() {
        assertThat(rule.suggest(List.of(finding("declared-pii-absent")))).isEqualTo(AuditStatus.NEEDS_REVIEW);
        assertThat(rule.suggest(List.of(finding("something-else")))).isEqualTo(AuditStatus.NEEDS_REVIEW);
        assertThat(rule.suggest(List.of(Evidence.of("p", "kafka", CLOCK).unavailable("down")))).isEqualTo(AuditStatus.NEEDS_REVIEW);
    }

    @Test
    void otherwiseCanAskForReview() {
        StatusRule strict = new StatusRule(List.of(), List.of(), AuditStatus.NEEDS_REVIEW, AuditStatus.FAIL);
        assertThat(strict.suggest(List.of(fact()))).isEqualTo(AuditStatus.NEEDS_REVIEW);
        assertThat(strict.suggest(List.of())).isEqualTo(AuditStatus.FAIL);
    }
}
