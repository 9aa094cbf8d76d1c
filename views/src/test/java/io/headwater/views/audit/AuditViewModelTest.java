package io.headwater.views.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.audit.AuditStatus;
import io.headwater.engine.audit.Evidence;
import io.headwater.engine.audit.ItemAnswer;
import io.headwater.engine.audit.ErasureLocation;
import io.headwater.engine.model.FieldRef;
import io.headwater.views.common.WorkbenchState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class AuditViewModelTest {
    private static final Executor SAME_THREAD = Runnable::run;

    private final FakeAuditWorkbench audits = new FakeAuditWorkbench();
    private final WorkbenchState state = new WorkbenchState();
    private final AuditViewModel vm = new AuditViewModel(audits, state, SAME_THREAD, SAME_THREAD);

    private void runAudit() {
        vm.reviewerProperty().set("Rita Reviewer");
        vm.run().join();
    }

    @Test
    void loadsTheBuiltInChecklists() {
        vm.load().join();
        assertThat(vm.checklists()).containsExactly("privacy", "retention");
        assertThat(audits.calls).containsExactly("checklists", "audits");
    }

    @Test
    void runOpensTheAuditAtItsFirstItemWithTheSuggestedStatuses() {
        List<String> progress = new ArrayList<>();
        vm.progressTextProperty().addListener((obs, old, t) -> progress.add(t));

        runAudit();

        assertThat(audits.calls).contains("load privacy", "run privacy by Rita Reviewer");
        assertThat(vm.items()).extracting(ItemAnswer::id, ItemAnswer::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("inventory", AuditStatus.FAIL), org.assertj.core.groups.Tuple.tuple("access", AuditStatus.PASS));
        assertThat(vm.currentIndexProperty().get()).isZero();
        assertThat(vm.currentStatusProperty().get()).isEqualTo(AuditStatus.FAIL);
        assertThat(vm.evidence()).extracting(Evidence::subject, Evidence::code).containsExactly(org.assertj.core.groups.Tuple.tuple("pg.customers.notes", "undeclared-pii"));
        assertThat(vm.positionProperty().get()).isEqualTo("Item 1 of 2");
        assertThat(progress).contains("Probe 1 of 2: PII discovery", "Probe 2 of 2: Access");
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(vm.statusProperty().get()).contains("Audit #1", "1 pass, 1 fail");
        assertThat(vm.earlierAudits()).extracting(s -> s.id()).containsExactly(1L);
        assertThat(vm.runningProperty().get()).isFalse();
    }

    @Test
    void walksForwardAndBackThroughTheItems() {
        runAudit();
        assertThat(vm.hasPreviousProperty().get()).isFalse();
        assertThat(vm.hasNextProperty().get()).isTrue();

        vm.next().join();
        assertThat(vm.currentProperty().get().id()).isEqualTo("access");
        assertThat(vm.evidence()).extracting(Evidence::code).containsExactly("grants");
        assertThat(vm.currentStatusProperty().get()).isEqualTo(AuditStatus.PASS);
        assertThat(vm.hasNextProperty().get()).isFalse();
        assertThat(vm.hasPreviousProperty().get()).isTrue();

        vm.next().join(); // past the end: stays
        assertThat(vm.currentIndexProperty().get()).isEqualTo(1);

        vm.previous().join();
        assertThat(vm.currentProperty().get().id()).isEqualTo("inventory");
        assertThat(audits.calls).noneMatch(c -> c.startsWith("save")); // nothing edited, nothing saved
    }

    @Test
    void savesTheChangedStatusAndNoteWhenMovingOn() {
        runAudit();
        vm.currentStatusProperty().set(AuditStatus.NEEDS_REVIEW);
        vm.currentNotesProperty().set("notes column: ask the CRM team");
        assertThat(vm.items().get(0).status()).isEqualTo(AuditStatus.NEEDS_REVIEW); // the badge follows at once

        vm.next().join();

        assertThat(audits.saved).hasSize(1);
        ItemAnswer saved = audits.saved.get(0).items().get(0);
        assertThat(saved.status()).isEqualTo(AuditStatus.NEEDS_REVIEW);
        assertThat(saved.suggested()).isEqualTo(AuditStatus.FAIL);
        assertThat(saved.notes()).isEqualTo("notes column: ask the CRM team");
        assertThat(audits.saved.get(0).id()).isEqualTo(1L);

        vm.previous().join(); // back again: the edited answer is shown, and nothing new to save
        assertThat(vm.currentNotesProperty().get()).isEqualTo("notes column: ask the CRM team");
        assertThat(vm.currentStatusProperty().get()).isEqualTo(AuditStatus.NEEDS_REVIEW);
        assertThat(audits.saved).hasSize(1);
    }

    @Test
    void exportSavesTheAnswersFirstAndShowsTheSealRoot() {
        runAudit();
        vm.currentNotesProperty().set("checked");

        vm.export(Path.of("/tmp/audit-privacy-1.html")).join();

        assertThat(audits.calls).containsSubsequence("save #1", "export #1 audit-privacy-1.html");
        assertThat(audits.saved.get(0).items().get(0).notes()).isEqualTo("checked");
        assertThat(vm.lastExportProperty().get().file()).isEqualTo(Path.of("/tmp/audit-privacy-1.html"));
        assertThat(vm.exportTextProperty().get()).contains("audit-privacy-1.html", "seal root ab12cd34");
        assertThat(vm.suggestedFileName("md")).isEqualTo("audit-privacy-1.md");
    }

    @Test
    void cancelStopsTheRunWithoutAFailureOrAnAudit() {
        vm.reviewerProperty().set("Rita");
        audits.duringProbe = vm::cancel; // the runner checks before the next probe
        vm.run().join();

        assertThat(vm.statusProperty().get()).startsWith("Cancelled");
        assertThat(vm.failureProperty().get()).isNull();
        assertThat(vm.sessionProperty().get()).isNull();
        assertThat(vm.items()).isEmpty();
        assertThat(vm.runningProperty().get()).isFalse();
    }

    @Test
    void aFailureReachesTheFailureProperty() {
        audits.failure = new HeadwaterException("checklist mine.yaml:6: items[0].probes[0] 'breach' is not a probe");
        runAudit();

        assertThat(vm.failureProperty().get().title()).isEqualTo("Cannot run the audit");
        assertThat(vm.failureProperty().get().message()).contains("'breach' is not a probe");
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.items()).isEmpty();
    }

    @Test
    void aFailedSaveIsReportedAndRetriedLater() {
        runAudit();
        vm.currentNotesProperty().set("n");
        audits.failure = new HeadwaterException("database closed");
        vm.next().join();
        assertThat(vm.failureProperty().get().message()).isEqualTo("database closed");

        audits.failure = null;
        vm.saveAnswers().join();
        assertThat(audits.saved).hasSize(1);
    }

    @Test
    void doesNotRunWithoutAReviewer() {
        vm.reviewerProperty().set("  ");
        vm.run().join();
        assertThat(vm.statusProperty().get()).isEqualTo("Enter the reviewer's name first.");
        assertThat(audits.calls).isEmpty();
    }

    @Test
    void reopensAnEarlierAudit() {
        runAudit();
        vm.next().join();
        vm.reopen(1).join();
        assertThat(audits.calls).contains("open #1");
        assertThat(vm.currentProperty().get().id()).isEqualTo("inventory");
        assertThat(vm.sessionProperty().get().id()).isEqualTo(1L);
    }

    @Test
    void eraseCheckListsThePlacesThatStillHoldTheSubject() {
        vm.erasureCheck().subjectProperty().set("customers:42");
        vm.erasureCheck().trace().join();
        assertThat(vm.erasureCheck().locations()).extracting(ErasureLocation::place, ErasureLocation::records)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("pg.customers", 0L), org.assertj.core.groups.Tuple.tuple("kafka.customers", 3L));
        assertThat(vm.erasureCheck().summaryProperty().get()).contains("customers:42", "1 of 2 places still hold it");
        assertThat(vm.erasureCheck().deletedProperty().get()).isTrue();
    }

    @Test
    void aBadSubjectReachesTheFailureProperty() {
        vm.erasureCheck().subjectProperty().set("nothing");
        vm.erasureCheck().trace().join();
        assertThat(vm.failureProperty().get().message()).contains("is not a subject");
        assertThat(vm.erasureCheck().summaryProperty().get()).isEqualTo("The trace of nothing failed.");
        assertThat(vm.erasureCheck().locations()).isEmpty();
    }

    @Test
    void highlightsThePiiFieldsAndTheirLineageOnTheGraph() {
        vm.showPiiFlows().join();
        WorkbenchState.Highlight h = state.highlight();
        assertThat(h.fields()).containsExactlyInAnyOrder(new FieldRef(FakeAuditWorkbench.PG, "email"), new FieldRef(FakeAuditWorkbench.TOPIC, "email"),
                new FieldRef(FakeAuditWorkbench.SEARCH, "email"));
        assertThat(h.paths()).extracting(p -> p.target()).containsExactlyInAnyOrder(new FieldRef(FakeAuditWorkbench.TOPIC, "email"),
                new FieldRef(FakeAuditWorkbench.SEARCH, "email"));
        assertThat(vm.highlightTextProperty().get()).isEqualTo("3 PII fields and 2 lineage paths highlighted on the graph");
    }
}
