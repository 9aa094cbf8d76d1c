package io.headwater.views.audit;

import io.headwater.engine.Cancelled;
import io.headwater.engine.audit.AuditRunner;
import io.headwater.engine.audit.AuditSession;
import io.headwater.engine.audit.AuditStatus;
import io.headwater.engine.audit.AuditStore;
import io.headwater.engine.audit.Checklist;
import io.headwater.engine.audit.Evidence;
import io.headwater.engine.audit.ItemAnswer;
import io.headwater.engine.audit.Probe;
import io.headwater.engine.audit.ProbeRun;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.workbench.AuditWorkbench;
import io.headwater.views.common.WorkbenchState;
import io.headwater.views.verify.Failure;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Audit view's state and commands: choose a checklist and reviewer, run its probes with
 * progress (cancellable), walk the items one by one with their evidence, settle each item's status
 * (the suggested one until changed) and notes, export sealed reports, reopen earlier audits, trace
 * a data subject, and highlight the PII flows on the graph.
 *
 * <p>Answers are kept in memory as they are edited and saved to the workbench database when the
 * reviewer moves to another item, before an export, and on {@link #saveAnswers()}. Engine calls run
 * on {@code background}; every property changes on {@code ui} only. Not thread-safe: call from the
 * UI thread.
 */
public final class AuditViewModel {
    private final AuditWorkbench audits;
    private final WorkbenchState state;
    private final Executor background;
    private final Executor ui;

    private final ObservableList<String> checklists = FXCollections.observableArrayList();
    private final StringProperty checklist = new SimpleStringProperty("privacy");
    private final StringProperty reviewer = new SimpleStringProperty(System.getProperty("user.name", ""));
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Choose a checklist and a reviewer, then run the probes.");
    private final ReadOnlyObjectWrapper<Failure> failure = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<AuditSession> session = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ItemAnswer> items = FXCollections.observableArrayList();
    private final ObservableList<ItemAnswer> itemsReadOnly = FXCollections.unmodifiableObservableList(items);
    private final ReadOnlyIntegerWrapper currentIndex = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyObjectWrapper<ItemAnswer> current = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper position = new ReadOnlyStringWrapper("");
    private final ObservableList<Evidence> evidence = FXCollections.observableArrayList();
    private final ObservableList<Evidence> evidenceReadOnly = FXCollections.unmodifiableObservableList(evidence);
    private final ObjectProperty<AuditStatus> currentStatus = new SimpleObjectProperty<>();
    private final StringProperty currentNotes = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper hasPrevious = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper hasNext = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<AuditWorkbench.ExportedReport> lastExport = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper exportText = new ReadOnlyStringWrapper("Not exported yet.");
    private final ObservableList<AuditStore.Summary> earlierAudits = FXCollections.observableArrayList();
    private final ObservableList<AuditStore.Summary> earlierAuditsReadOnly = FXCollections.unmodifiableObservableList(earlierAudits);
    private final ReadOnlyStringWrapper highlightText = new ReadOnlyStringWrapper("");
    private final ErasureCheckModel erasureCheck;
    private volatile Cancellation cancellation;
    /** True while the current item is being shown, so that filling the editors is not taken as an edit. */
    private boolean showing;
    private boolean dirty;

    public AuditViewModel(AuditWorkbench audits, WorkbenchState state, Executor background, Executor ui) {
        this.audits = Objects.requireNonNull(audits, "audits");
        this.state = Objects.requireNonNull(state, "state");
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.erasureCheck = new ErasureCheckModel(audits, background, ui, failure::set);
        currentStatus.addListener((obs, old, s) -> edited());
        currentNotes.addListener((obs, old, n) -> edited());
    }

    /** Loads the built-in checklists and the earlier audits. */
    public CompletableFuture<Void> load() {
        return call("Cannot list the checklists", audits::builtInChecklists, checklists::setAll).thenCompose(v -> refreshAudits());
    }

    /** Reads the list of earlier audits again. */
    public CompletableFuture<Void> refreshAudits() {
        return call("Cannot list the earlier audits", audits::audits, earlierAudits::setAll);
    }

    /** Loads the chosen checklist and runs every probe it names; the new audit opens at its first item. */
    public CompletableFuture<Void> run() {
        if (running.get()) {
            return CompletableFuture.completedFuture(null);
        }
        String name = checklist.get() == null ? "" : checklist.get().trim();
        String who = reviewer.get() == null ? "" : reviewer.get().trim();
        if (name.isEmpty() || who.isEmpty()) {
            status.set(name.isEmpty() ? "Choose a checklist first." : "Enter the reviewer's name first.");
            return CompletableFuture.completedFuture(null);
        }
        Cancellation c = new Cancellation();
        cancellation = c;
        running.set(true);
        progress.set(0);
        progressText.set("Loading checklist " + name + "…");
        status.set("Running the probes of " + name + "…");
        ProgressRelay relay = new ProgressRelay();
        return CompletableFuture.supplyAsync(() -> {
            Checklist loaded = audits.loadChecklist(name);
            return audits.runAudit(loaded, who, c, relay);
        }, background).handle((done, error) -> {
            ui.execute(() -> {
                running.set(false);
                if (error == null) {
                    progress.set(1);
                    progressText.set(done.probeRuns().size() + " probes in " + String.format("%.1f s", millis(done) / 1000.0));
                    open(done);
                } else if (Failure.unwrap(error) instanceof Cancelled) {
                    progressText.set("");
                    status.set("Cancelled: no audit was stored.");
                } else {
                    progressText.set("");
                    status.set("The audit could not run.");
                    failure.set(Failure.of("Cannot run the audit", error));
                }
            });
            return null;
        }).thenCompose(v -> refreshAudits());
    }

    /** Asks a running audit to stop after the probe at work. */
    public void cancel() {
        Cancellation c = cancellation;
        if (c != null && running.get()) {
            c.cancel();
            status.set("Cancelling…");
        }
    }

    /** Reopens an earlier audit. */
    public CompletableFuture<Void> reopen(long id) {
        return saveAnswers().thenCompose(v -> call("Cannot reopen audit #" + id, () -> audits.loadAudit(id), this::open));
    }

    /** Shows item {@code index}, saving the answers first if they changed. */
    public CompletableFuture<Void> select(int index) {
        if (index < 0 || index >= items.size() || index == currentIndex.get()) {
            return CompletableFuture.completedFuture(null);
        }
        show(index);
        return saveAnswers();
    }

    public CompletableFuture<Void> next() {
        return select(currentIndex.get() + 1);
    }

    public CompletableFuture<Void> previous() {
        return select(currentIndex.get() - 1);
    }

    /** Stores the statuses and notes if they changed since the last save. */
    public CompletableFuture<Void> saveAnswers() {
        AuditSession s = session.get();
        if (!dirty || s == null) {
            return CompletableFuture.completedFuture(null);
        }
        dirty = false;
        return CompletableFuture.runAsync(() -> audits.saveAnswers(s), background).handle((v, error) -> {
            ui.execute(() -> {
                if (error != null) {
                    dirty = true;
                    failure.set(Failure.of("Cannot save the answers", error));
                }
            });
            return null;
        });
    }

    /** Saves the answers and writes the audit as a sealed report (HTML, Markdown or JSON by the file's extension). */
    public CompletableFuture<Void> export(Path file) {
        AuditSession s = session.get();
        if (s == null) {
            return CompletableFuture.completedFuture(null);
        }
        busy.set(true);
        AuditSession answered = s;
        return saveAnswers().thenCompose(v -> CompletableFuture.supplyAsync(() -> audits.exportReport(answered, file), background))
                .handle((report, error) -> {
                    ui.execute(() -> {
                        busy.set(false);
                        if (error != null) {
                            failure.set(Failure.of("Cannot export the report", error));
                        } else {
                            lastExport.set(report);
                            exportText.set("Sealed report " + report.file()
                                    + " (" + String.format("%,d", report.bytes()) + " bytes) — seal root " + report.sealRoot());
                        }
                    });
                    return null;
                }).thenCompose(v -> refreshAudits());
    }

    /** A file name to suggest for a report of the open audit. */
    public String suggestedFileName(String extension) {
        AuditSession s = session.get();
        return "audit-" + (s == null ? "report" : s.checklist() + "-" + s.id()) + "." + extension;
    }

    /** Highlights on the pipeline graph the declared PII fields and the lineage paths between them. */
    public CompletableFuture<Void> showPiiFlows() {
        return call("Cannot trace the PII flows", () -> PiiHighlight.of(audits.pipeline()), h -> {
            state.setHighlight(h);
            highlightText.set(h.fields().size() + " PII fields and " + h.paths().size() + " lineage paths highlighted on the graph");
        });
    }

    private void open(AuditSession s) {
        session.set(s);
        dirty = false;
        items.setAll(s.items());
        currentIndex.set(-1);
        show(items.isEmpty() ? -1 : 0);
        status.set("Audit #" + s.id() + " of " + s.pipeline() + " by " + s.reviewer() + " (" + s.title() + "): " + tally(s));
        lastExport.set(null);
        exportText.set("Not exported yet.");
    }

    static String tally(AuditSession s) {
        return s.count(AuditStatus.PASS) + " pass, " + s.count(AuditStatus.FAIL) + " fail, " + s.count(AuditStatus.NEEDS_REVIEW)
                + " need review, " + s.count(AuditStatus.NOT_APPLICABLE) + " not applicable";
    }

    private void show(int index) {
        showing = true;
        try {
            currentIndex.set(index);
            ItemAnswer a = index < 0 ? null : session.get().items().get(index);
            current.set(a);
            evidence.setAll(a == null ? List.of() : findingsFirst(a.evidence()));
            currentStatus.set(a == null ? null : a.status());
            currentNotes.set(a == null ? "" : a.notes());
            position.set(a == null ? "" : "Item " + (index + 1) + " of " + items.size());
            hasPrevious.set(index > 0);
            hasNext.set(index >= 0 && index < items.size() - 1);
        } finally {
            showing = false;
        }
    }

    /** The reviewer changed the current item's status or notes: keep them in the audit. */
    private void edited() {
        ItemAnswer a = current.get();
        if (showing || a == null || currentStatus.get() == null) {
            return;
        }
        String notes = currentNotes.get() == null ? "" : currentNotes.get();
        if (a.status() == currentStatus.get() && a.notes().equals(notes)) {
            return;
        }
        AuditSession changed = session.get().answered(a.id(), currentStatus.get(), notes);
        ItemAnswer now = changed.items().get(currentIndex.get());
        session.set(changed);
        current.set(now);
        dirty = true;
        if (a.status() != now.status()) {
            items.set(currentIndex.get(), now);
            status.set("Audit #" + changed.id() + ": " + tally(changed));
        }
    }

    /** Findings first, then what could not be gathered, then facts; in probe order within each. */
    static List<Evidence> findingsFirst(List<Evidence> evidence) {
        return evidence.stream().sorted(java.util.Comparator.comparingInt(e -> switch (e.kind()) {
            case FINDING -> 0;
            case UNAVAILABLE -> 1;
            case FACT -> 2;
        })).toList();
    }

    private <T> CompletableFuture<Void> call(String failureTitle, Supplier<T> work, Consumer<T> done) {
        return CompletableFuture.supplyAsync(work, background).handle((value, error) -> {
            ui.execute(() -> {
                if (error != null) {
                    failure.set(Failure.of(failureTitle, error));
                } else {
                    done.accept(value);
                }
            });
            return null;
        });
    }

    private static long millis(AuditSession s) {
        return s.elapsed().toMillis();
    }

    /** Forwards the runner's progress (on the working thread) to the UI. */
    private final class ProgressRelay implements AuditRunner.Listener {
        private final AtomicInteger finished = new AtomicInteger();
        private volatile int total = 1;

        @Override
        public void probeStarted(Probe probe, int index, int count) {
            total = Math.max(1, count);
            String text = "Probe " + (index + 1) + " of " + count + ": " + probe.title();
            ui.execute(() -> {
                progress.set((double) index / total);
                progressText.set(text);
            });
        }

        @Override
        public void probeFinished(ProbeRun run) {
            int done = finished.incrementAndGet();
            ui.execute(() -> progress.set((double) done / total));
        }
    }

    public ObservableList<String> checklists() {
        return checklists;
    }

    /** The checklist to run: a built-in name or a YAML file's path. */
    public StringProperty checklistProperty() {
        return checklist;
    }

    public StringProperty reviewerProperty() {
        return reviewer;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** True while a report is written. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Failure> failureProperty() {
        return failure.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<AuditSession> sessionProperty() {
        return session.getReadOnlyProperty();
    }

    public ObservableList<ItemAnswer> items() {
        return itemsReadOnly;
    }

    public ReadOnlyIntegerProperty currentIndexProperty() {
        return currentIndex.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ItemAnswer> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** "Item 2 of 5". */
    public ReadOnlyStringProperty positionProperty() {
        return position.getReadOnlyProperty();
    }

    public ObservableList<Evidence> evidence() {
        return evidenceReadOnly;
    }

    /** The current item's status, as the reviewer settles it (the suggested one until changed). */
    public ObjectProperty<AuditStatus> currentStatusProperty() {
        return currentStatus;
    }

    public StringProperty currentNotesProperty() {
        return currentNotes;
    }

    public ReadOnlyBooleanProperty hasPreviousProperty() {
        return hasPrevious.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasNextProperty() {
        return hasNext.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<AuditWorkbench.ExportedReport> lastExportProperty() {
        return lastExport.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty exportTextProperty() {
        return exportText.getReadOnlyProperty();
    }

    public ObservableList<AuditStore.Summary> earlierAudits() {
        return earlierAuditsReadOnly;
    }

    /** The erase check of a data subject. */
    public ErasureCheckModel erasureCheck() {
        return erasureCheck;
    }

    public ReadOnlyStringProperty highlightTextProperty() {
        return highlightText.getReadOnlyProperty();
    }
}
