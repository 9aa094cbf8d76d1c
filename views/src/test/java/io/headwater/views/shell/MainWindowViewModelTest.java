package io.headwater.views.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.ConnectionException;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.engine.status.DatasetStatus;
import io.headwater.engine.status.SystemStatus;
import io.headwater.engine.workbench.Workbench;
import io.headwater.views.common.WorkbenchState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainWindowViewModelTest {
    private static final Executor SAME_THREAD = Runnable::run;

    @TempDir
    Path dir;

    private final RecordingDialogs dialogs = new RecordingDialogs();
    private final List<FakeWorkbench> started = new ArrayList<>();
    private final List<String> phases = new ArrayList<>();
    private RuntimeException failStart;
    private RuntimeException failImport;
    private final List<Path> imported = new ArrayList<>();
    private MainWindowViewModel vm;

    /** Loads configs for real; "starts" a pipeline by reporting three steps and answering from a fake workbench. */
    private final PipelineOpener opener = new PipelineOpener() {
        @Override
        public Path initialConfig() {
            return DemoModel.config();
        }

        @Override
        public Pipeline load(Path config) {
            return new PipelineLoader().load(config);
        }

        @Override
        public Workbench start(Pipeline pipeline, ProgressListener progress) {
            progress.progress(0, 2, "Starting PostgreSQL (pg)");
            progress.progress(1, 2, "Starting Kafka (kafka)");
            if (failStart != null) {
                throw failStart;
            }
            progress.progress(2, 2, "Live");
            FakeWorkbench wb = new FakeWorkbench(pipeline);
            wb.statuses = List.of(new SystemStatus("pg", SystemKind.POSTGRES, Role.RECORD, true, "localhost:5432", "",
                    List.of(DatasetStatus.sizeOnly(new DatasetRef("pg", "customers"), 250))));
            started.add(wb);
            return wb;
        }

        @Override
        public Path importOpenLineage(Path events) {
            imported.add(events);
            if (failImport != null) {
                throw failImport;
            }
            Path skeleton = events.resolveSibling("imported.headwater.yaml");
            try {
                Files.copy(DemoModel.config(), skeleton);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return skeleton;
        }
    };

    @BeforeEach
    void create() {
        vm = new MainWindowViewModel(opener, new WorkbenchState(), dialogs, new WorkbenchPreferences(dir.resolve("prefs.properties")),
                SAME_THREAD, SAME_THREAD);
        vm.phaseProperty().addListener((obs, old, phase) -> phases.add(phase));
    }

    @Test
    void opensTheDemoShowingEachStartupStepThenGoesLive() {
        vm.openInitial().join();

        assertThat(phases).containsSubsequence("Starting…", "Starting PostgreSQL (pg)", "Starting Kafka (kafka)", "Live");
        assertThat(vm.liveProperty().get()).isTrue();
        assertThat(vm.workbenchProperty().get()).isSameAs(started.get(0));
        assertThat(vm.titleProperty().get()).contains("demo");
        assertThat(vm.graph().snapshotProperty().get().node("sys:pg")).isPresent();
        assertThat(vm.systems()).extracting(SystemStatus::systemId).containsExactly("pg");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void importingOpenLineageOpensTheSkeletonTheOpenerWrote() {
        Path events = dir.resolve("marquez.ndjson");
        vm.importOpenLineage(events).join();

        assertThat(imported).containsExactly(events);
        assertThat(vm.recentConfigs()).first().asString().endsWith("imported.headwater.yaml");
        assertThat(vm.pipelineProperty().get().name()).isEqualTo("demo");
        assertThat(vm.liveProperty().get()).isTrue();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void anImportThatFailsIsReportedAndOpensNothing() {
        failImport = new HeadwaterException("cannot read OpenLineage events from x.ndjson: no such file");
        vm.importOpenLineage(dir.resolve("x.ndjson")).join();

        assertThat(dialogs.errors).isNotEmpty();
        assertThat(vm.pipelineProperty().get()).isNull();
        assertThat(started).isEmpty();
    }

    @Test
    void aBrokenConfigListsEveryProblemWithFileAndLineAndKeepsTheOpenPipeline() throws IOException {
        vm.openInitial().join();
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, """
                pipeline: broken
                systems:
                  - id: pg
                    kind: postgress
                    role: record
                  - id: kafka
                    kind: kafka
                    role: sideways
                flows: []
                """);

        vm.open(broken).join();

        assertThat(dialogs.problems).isNotEmpty().allMatch(p -> p.startsWith("broken.yaml:"));
        assertThat(dialogs.problems).anyMatch(p -> p.startsWith("broken.yaml:4:") && p.contains("kind"));
        assertThat(dialogs.problems).anyMatch(p -> p.startsWith("broken.yaml:8:") && p.contains("role"));
        assertThat(vm.pipelineProperty().get().name()).isEqualTo("demo");
        assertThat(vm.liveProperty().get()).isTrue();
        assertThat(started).hasSize(1);
        assertThat(started.get(0).closed).isFalse();
        assertThat(vm.recentConfigs()).doesNotContain(broken.toAbsolutePath().normalize());
    }

    @Test
    void openingAnotherConfigClosesThePreviousPipelineAndRemembersTheFile() throws IOException {
        vm.openInitial().join();
        Path copy = dir.resolve("copy.yaml");
        Files.copy(DemoModel.config(), copy);

        vm.open(copy).join();

        assertThat(started).hasSize(2);
        assertThat(started.get(0).closed).isTrue();
        assertThat(vm.workbenchProperty().get()).isSameAs(started.get(1));
        assertThat(vm.recentConfigs()).containsExactly(copy.toAbsolutePath().normalize());
        assertThat(new WorkbenchPreferences(dir.resolve("prefs.properties")).recentConfigs()).containsExactly(copy.toAbsolutePath().normalize());
    }

    @Test
    void aPipelineThatFailsToStartIsReportedInADialog() {
        failStart = new ConnectionException("pg", "localhost:5432", "connection refused", null);

        vm.openInitial().join();

        assertThat(vm.liveProperty().get()).isFalse();
        assertThat(vm.phaseProperty().get()).isEqualTo("Failed to start");
        assertThat(dialogs.errors).singleElement().asString().contains("localhost:5432");
    }

    @Test
    void aFailingStatusPollIsShownAndTheNextOneClearsIt() {
        vm.openInitial().join();
        FakeWorkbench wb = started.get(0);
        wb.statusFailure = new ConnectionException("kafka", "localhost:9092", "broker not available", null);

        vm.refreshStatus().join();
        assertThat(vm.statusErrorProperty().get()).contains("localhost:9092");
        assertThat(vm.systems()).extracting(SystemStatus::systemId).containsExactly("pg");

        wb.statusFailure = null;
        vm.refreshStatus().join();
        assertThat(vm.statusErrorProperty().get()).isEmpty();
    }
}
