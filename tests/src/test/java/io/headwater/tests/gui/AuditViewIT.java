package io.headwater.tests.gui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import io.headwater.app.runtime.DemoSession;
import io.headwater.app.runtime.NamedThreads;
import io.headwater.app.runtime.audit.Audits;
import io.headwater.app.runtime.workbench.LiveWorkbench;
import io.headwater.engine.audit.AuditSession;
import io.headwater.engine.audit.AuditStatus;
import io.headwater.engine.audit.ErasureLocation;
import io.headwater.engine.audit.Evidence;
import io.headwater.engine.audit.ItemAnswer;
import io.headwater.engine.audit.report.ReportVerifier;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.FieldRef;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.views.audit.AuditView;
import io.headwater.views.audit.AuditViewModel;
import io.headwater.views.common.WorkbenchState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.ApplicationTest;

/**
 * The Audit view alone in a window on the live embedded demo: run the privacy checklist, walk its
 * items, find the undeclared PII in {@code pg.customers.notes} at the {@code inventory} item, write
 * a note, export a sealed HTML report that {@code verify-report} finds intact, and trace a subject.
 * With {@code -Dheadwater.screenshots=true} the completed audit's snapshot goes to
 * {@code docs/workbench-audit.png} (the erase check's to the temp directory).
 */
class AuditViewIT extends ApplicationTest {
    private static final ExecutorService BACKGROUND = Executors.newCachedThreadPool(new NamedThreads("gui-audit"));
    private static final String NOTE = "Ask the CRM team to stop keeping phone numbers in notes";
    private static LiveWorkbench workbench;

    private final WorkViewsSupport.RecordingDialogs dialogs = new WorkViewsSupport.RecordingDialogs();
    private final WorkbenchState state = new WorkbenchState();
    private Stage stage;
    private AuditView view;

    @BeforeAll
    static void startDemo() throws Exception {
        Path dataDir = Files.createTempDirectory("headwater-audit-view");
        workbench = LiveWorkbench.open(DemoSession.start(WorkViewsSupport.demo(dataDir), 11, 5, ProgressListener.NONE));
    }

    @AfterAll
    static void stopDemo() {
        if (workbench != null) {
            workbench.close();
        }
        BACKGROUND.shutdownNow();
    }

    @Override
    public void start(Stage primary) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        stage = primary;
    }

    @AfterEach
    void disposeView() {
        if (view != null) {
            interact(view::dispose);
        }
    }

    @Test
    void walksThePrivacyChecklistWritesANoteAndExportsASealedReport() throws Exception {
        AuditViewModel vm = new AuditViewModel(workbench.audits(), state, BACKGROUND, Platform::runLater);
        interact(() -> {
            view = new AuditView(vm, dialogs);
            stage.setScene(new Scene(view, 1280, 860));
            stage.show();
        });
        interact(() -> lookup("#auditReviewer").queryAs(TextField.class).clear());
        clickOn("#auditReviewer").write("Rita Reviewer");
        clickOn("#auditRun");
        WorkViewsSupport.await("the privacy audit", 180_000, () -> !vm.runningProperty().get() && !vm.items().isEmpty());
        assertThat(dialogs.errors).isEmpty();
        assertThat(vm.items()).extracting(ItemAnswer::id).containsExactly("inventory", "need", "access", "keep", "wrong", "stolen");

        clickOn("#auditNext");
        clickOn("#auditNext");
        WorkViewsSupport.await("the access item", 5_000, () -> lookup("#auditQuestion").queryAs(Label.class).getText().startsWith("Who"));
        assertThat(lookup("#auditPosition").queryAs(Label.class).getText()).isEqualTo("Item 3 of 6");
        clickOn("#auditPrevious");
        clickOn("#auditPrevious");
        WorkViewsSupport.await("back at the inventory item", 5_000, () -> lookup("#auditPosition").queryAs(Label.class).getText().equals("Item 1 of 6"));

        TableView<Evidence> evidence = lookup("#auditEvidence").queryTableView();
        assertThat(evidence.getItems()).anyMatch(e -> e.subject().equals("pg.customers.notes") && e.code().equals("undeclared-pii"));
        assertThat(vm.currentProperty().get().suggested()).isEqualTo(AuditStatus.FAIL);
        assertThat(lookup("#auditStatus-fail").queryAs(javafx.scene.control.RadioButton.class).isSelected()).isTrue();

        clickOn("#auditNotes").write(NOTE);
        Path report = Files.createTempDirectory("audit-report").resolve("audit.html");
        dialogs.saveTo = report;
        clickOn("#auditExport-html");
        WorkViewsSupport.await("the report to be written", 30_000, () -> vm.lastExportProperty().get() != null);

        assertThat(report).exists();
        ReportVerifier.Result verdict = Audits.verifyReport(report);
        assertThat(verdict.intact()).as(verdict.reason()).isTrue();
        assertThat(verdict.root()).isEqualTo(vm.lastExportProperty().get().sealRoot());
        assertThat(lookup("#auditSeal").queryAs(Label.class).getText()).contains("seal root " + verdict.root());
        assertThat(Files.readString(report)).contains(NOTE);
        AuditSession stored = workbench.audits().loadAudit(vm.sessionProperty().get().id());
        assertThat(stored.items().get(0).notes()).isEqualTo(NOTE);
        WorkViewsSupport.await("the seal recorded with the audit", 10_000, () -> vm.earlierAudits().stream()
                .anyMatch(s -> s.id() == stored.id() && verdict.root().equals(s.sealRoot())));
        screenshot(WorkViewsSupport.repoRoot().resolve("docs/workbench-audit.png"));

        clickOn("#auditShowPii");
        FieldRef email = new FieldRef(new DatasetRef("pg", "customers"), "email");
        WorkViewsSupport.await("the PII flows highlighted", 10_000, () -> state.highlight().fields().contains(email));
        assertThat(state.highlight().paths()).anyMatch(p -> p.start().equals(email) && p.end().dataset().system().equals("search"));

        interact(() -> lookup("#auditPages").queryAs(TabPane.class).getSelectionModel().select(2));
        interact(() -> lookup("#auditSubject").queryAs(TextField.class).setText("customers:1"));
        clickOn("#auditTrace");
        TableView<ErasureLocation> trace = lookup("#auditErasure").queryTableView();
        WorkViewsSupport.await("the erasure trace", 60_000, () -> !trace.getItems().isEmpty());
        assertThat(trace.getItems()).anyMatch(l -> l.place().equals("pg.customers") && l.holds());
        screenshot(Path.of(System.getProperty("java.io.tmpdir"), "headwater-screenshots", "workbench-audit-erasure.png"));
        assertThat(dialogs.errors).isEmpty();
    }

    private void screenshot(Path file) throws Exception {
        if (!Boolean.getBoolean("headwater.screenshots")) {
            return;
        }
        AtomicReference<WritableImage> image = new AtomicReference<>();
        interact(() -> image.set(WorkViewsSupport.snapshot(view)));
        WorkViewsSupport.savePng(image.get(), file);
    }
}
