package io.headwater.engine.audit.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.audit.AuditSession;
import io.headwater.engine.audit.AuditStatus;
import io.headwater.engine.audit.ChecklistItem;
import io.headwater.engine.audit.Evidence;
import io.headwater.engine.audit.ItemAnswer;
import io.headwater.engine.audit.ProbeRun;
import io.headwater.engine.audit.StatusRule;
import io.headwater.engine.model.DatasetRef;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReportSealTest {
    private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T, ZoneOffset.UTC);

    static AuditReport smallReport() {
        Evidence undeclared = Evidence.of("pii-discovery", "pg.customers.notes", CLOCK).count("phone", 10).detail("e.g. +** ** ****0958")
                .finding("undeclared-pii", "undeclared personal data: phone in 10 of 200 sampled values <b>&\"quoted\"</b>");
        Evidence fact = Evidence.of("retention", "kafka.customers", CLOCK).fact("topic-settings", "retention.ms=-1, cleanup.policy=delete");
        ChecklistItem a = new ChecklistItem("inventory", "Is all PII declared?", "Guidance | with a pipe", List.of("pii-discovery"),
                new StatusRule(List.of("undeclared-pii"), List.of(), AuditStatus.PASS, AuditStatus.NOT_APPLICABLE));
        ChecklistItem b = new ChecklistItem("topics", "Topic retention?", "", List.of("retention"), StatusRule.DEFAULT);
        AuditSession s = new AuditSession(7, "privacy", "Privacy audit", "builtin:privacy", "demo", "Rita Reviewer", T, T.plusSeconds(3),
                List.of(new ItemAnswer(a, AuditStatus.FAIL, AuditStatus.FAIL, "planted: notes column", List.of(undeclared)),
                        new ItemAnswer(b, AuditStatus.PASS, AuditStatus.PASS, "", List.of(fact))),
                List.of(new ProbeRun("pii-discovery", "PII discovery", T, Duration.ofMillis(1200), 1, null)));
        return new AuditReport(s, List.of(new PiiEdge(DatasetRef.parse("pg.customers"), DatasetRef.parse("kafka.customers"), "capture-customers",
                List.of("email (email)"))), T.plusSeconds(4));
    }

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void aFreshReportIsIntactAndPrintsItsRoot(ReportFormat format) {
        ReportSeal.Sealed sealed = ReportSeal.seal(smallReport(), format);
        String text = new String(sealed.bytes(), StandardCharsets.UTF_8);
        assertThat(text).contains(sealed.root()).contains("section item:inventory ");
        ReportVerifier.Result r = ReportVerifier.verify(sealed.bytes());
        assertThat(r.intact()).as(r.reason()).isTrue();
        assertThat(r.format()).isEqualTo(format);
        assertThat(r.root()).isEqualTo(sealed.root());
        assertThat(r.items()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void everyChangedByteIsDetectedAndTheSectionNamed(ReportFormat format) {
        ReportSeal.Sealed sealed = ReportSeal.seal(smallReport(), format);
        byte[] original = sealed.bytes();
        long[] ends = new long[sealed.entries().size()];
        long offset = 0;
        for (int i = 0; i < ends.length; i++) {
            offset += sealed.entries().get(i).length();
            ends[i] = offset;
        }
        for (int pos = 0; pos < original.length; pos++) {
            byte[] tampered = original.clone();
            tampered[pos] ^= 0x01;
            ReportVerifier.Result r = ReportVerifier.verify(tampered);
            assertThat(r.intact()).as("byte %d of %s changed", pos, format).isFalse();
            String expected = "seal";
            for (int i = 0; i < ends.length; i++) {
                if (pos < ends[i]) {
                    expected = sealed.entries().get(i).section();
                    break;
                }
            }
            assertThat(r.section()).as("section named for byte %d of %s (%s)", pos, format, r.reason()).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void insertedAndRemovedBytesAreDetected(ReportFormat format) {
        byte[] original = ReportSeal.seal(smallReport(), format).bytes();
        String text = new String(original, StandardCharsets.UTF_8);
        int at = text.lastIndexOf("Topic retention?");
        String inserted = text.substring(0, at) + "X" + text.substring(at);
        assertThat(ReportVerifier.verify(inserted.getBytes(StandardCharsets.UTF_8)).section()).isEqualTo("item:topics");
        String removed = text.substring(0, at) + text.substring(at + 1);
        assertThat(ReportVerifier.verify(removed.getBytes(StandardCharsets.UTF_8)).section()).isEqualTo("item:topics");
        assertThat(ReportVerifier.verify((text + "\n").getBytes(StandardCharsets.UTF_8)).intact()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void statusEditsAreCaught(ReportFormat format) {
        String text = new String(ReportSeal.seal(smallReport(), format).bytes(), StandardCharsets.UTF_8);
        String edited = format == ReportFormat.JSON ? text.replaceFirst("\"status\":\"fail\"", "\"status\":\"pass\"")
                : text.replaceFirst("Status (<span class=\"status fail\">Fail</span>|\\*\\*Fail\\*\\*)", format == ReportFormat.HTML
                ? "Status <span class=\"status pass\">Pass</span>" : "Status: **Pass**");
        if (format == ReportFormat.MARKDOWN) {
            edited = text.replaceFirst("Status: \\*\\*Fail\\*\\*", "Status: **Pass**");
        }
        assertThat(edited).isNotEqualTo(text);
        ReportVerifier.Result r = ReportVerifier.verify(edited.getBytes(StandardCharsets.UTF_8));
        assertThat(r.intact()).isFalse();
        assertThat(r.section()).isEqualTo("item:inventory");
    }
}
