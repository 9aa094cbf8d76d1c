package io.headwater.views.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.views.common.WorkbenchState;
import io.headwater.views.shell.DemoModel;
import io.headwater.views.shell.FakeWorkbench;
import io.headwater.views.shell.RecordingDialogs;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/** The Lineage tab headless: filter the fields, click one, see where it goes. */
class LineageViewTest extends ApplicationTest {
    private static final Executor SAME_THREAD = Runnable::run;
    private final WorkbenchState state = new WorkbenchState();

    @Override
    public void start(Stage stage) {
        LineageViewModel vm = new LineageViewModel(new FakeWorkbench(DemoModel.load()), state, SAME_THREAD, SAME_THREAD);
        stage.setScene(new Scene(new LineageView(vm, new RecordingDialogs()), 1100, 600));
        stage.show();
    }

    @Test
    void filteringAndClickingAFieldListsItsReachAndHighlightsIt() throws Exception {
        clickOn("#lineageFilter").write("pg.customers.email");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fieldCell("pg.customers.email") != null);
        clickOn(fieldCell("pg.customers.email"));

        TableView<LineageRow> rows = lookup("#lineageTable").queryTableView();
        assertThat(rows.getItems()).extracting(LineageRow::field).contains("search.customers.email", "cache.customers.email");
        assertThat(state.highlight().selected()).hasToString("pg.customers.email");
    }

    private Node fieldCell(String field) {
        for (Node n : List.copyOf(lookup(".tree-cell").<Node>queryAll())) {
            if (n instanceof TreeCell<?> cell && cell.getItem() instanceof FieldItem item && item.ref().toString().equals(field)) {
                return cell;
            }
        }
        return null;
    }
}
