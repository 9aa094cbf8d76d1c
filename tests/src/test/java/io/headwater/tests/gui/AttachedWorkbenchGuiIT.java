package io.headwater.tests.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.app.gui.LivePipelineOpener;
import io.headwater.app.gui.WorkbenchWindow;
import io.headwater.app.runtime.NamedThreads;
import io.headwater.tests.attach.LocalPostgres;
import io.headwater.views.graph.GraphEdge;
import io.headwater.views.graph.GraphSnapshot;
import io.headwater.views.shell.WorkbenchPreferences;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.ApplicationTest;

/**
 * The main window opened on a pipeline of attached systems (two databases of the machine's own
 * PostgreSQL joined by a copy), headless: the same workbench as the demo, with the systems marked
 * attached, the copy drawn as a flow that runs elsewhere, connections in the status bar, and the
 * write actions saying why they are off.
 */
class AttachedWorkbenchGuiIT extends ApplicationTest {
    private static Path dir;
    private static String source;
    private static String copy;
    private static Path config;

    private final ExecutorService background = Executors.newCachedThreadPool(new NamedThreads("gui-test"));
    private WorkbenchWindow window;

    @BeforeAll
    static void createDatabases() throws SQLException, IOException {
        LocalPostgres.assumeRunning();
        dir = Files.createTempDirectory("headwater-attached-gui");
        source = LocalPostgres.createDatabase("hw_gui_src");
        copy = LocalPostgres.createDatabase("hw_gui_copy");
        String table = "CREATE TABLE public.customers (id bigint PRIMARY KEY, email text)";
        String rows = "INSERT INTO public.customers SELECT i, 'c' || i || '@example.com' FROM generate_series(1, 300) i";
        LocalPostgres.execute(source, table, rows);
        LocalPostgres.execute(copy, table, rows);
        config = dir.resolve("replica.yaml");
        Files.writeString(config, """
                pipeline: replica-gui
                data-dir: %s
                systems:
                  - id: main
                    kind: postgres
                    role: record
                    address: %s
                    database: %s
                    user: postgres
                    datasets:
                      - { id: customers, name: public.customers, key: id, fields: { id: integer, email: { type: string, tags: [pii:email] } } }
                  - id: replica
                    kind: postgres
                    role: derived
                    address: %s
                    database: %s
                    user: postgres
                    datasets:
                      - { id: customers, name: public.customers, key: id, fields: { id: integer, email: string } }
                flows:
                  - { id: replicate, kind: copy, from: main.customers, to: replica.customers }
                """.formatted(dir.resolve("data"), LocalPostgres.ADDRESS, source, LocalPostgres.ADDRESS, copy));
    }

    @AfterAll
    static void dropDatabases() throws SQLException {
        LocalPostgres.dropDatabase(source);
        LocalPostgres.dropDatabase(copy);
    }

    @Override
    public void start(Stage stage) {
        LivePipelineOpener opener = new LivePipelineOpener(config, null, 0);
        window = WorkbenchWindow.show(stage, opener, new WorkbenchPreferences(dir.resolve("workbench.properties")), background, 1260, 780);
        window.openInitial();
    }

    @AfterEach
    void closeWindowAndPipeline() throws Exception {
        interact(window::closeWindow);
        window.stopPipeline();
        background.shutdownNow();
    }

    private GraphSnapshot snapshot() {
        return window.window().graphView().viewModel().snapshotProperty().get();
    }

    @Test
    void anAttachedPipelineOpensAsTheDemoDoesWithItsSystemsMarkedAndWritesOff() throws Exception {
        GuiSupport.await("the pipeline to go live", 60_000, () -> window.viewModel().liveProperty().get());
        GuiSupport.await("the status bar to show both systems", 30_000, () -> lookup("#system-replica").tryQuery().isPresent());

        assertThat(snapshot().node("sys:main").orElseThrow().label()).contains("attached");
        assertThat(snapshot().node("sys:replica").orElseThrow().label()).contains("attached");
        GraphEdge replicate = snapshot().edges().stream().filter(e -> e.flows().contains("replicate")).findFirst().orElseThrow();
        assertThat(replicate.external()).as("the copy runs outside headwater").isTrue();
        assertThat(lookup("#system-main").queryAs(Label.class).getText()).isEqualTo("main up");

        interact(() -> window.window().tabs().select("rebuildTab"));
        GuiSupport.await("the Rebuild tab's read-only note", 20_000,
                () -> lookup("#rebuildReadOnly").tryQuery().map(n -> n.isVisible()).orElse(false));
        assertThat(lookup("#rebuildReadOnly").queryAs(Label.class).getText()).contains("headwater only reads attached systems");
        assertThat(lookup("#rebuildRun").query().isDisabled()).isTrue();

        interact(() -> window.window().tabs().select("demoTab"));
        GuiSupport.await("the Demo tab's read-only note", 20_000,
                () -> lookup("#demoReadOnly").tryQuery().map(n -> n.isVisible()).orElse(false));
    }
}
