package io.headwater.views.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.views.common.FlowState;
import io.headwater.views.common.WorkbenchState;
import io.headwater.views.shell.DemoModel;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/** The graph view drawn with GraphStream, headless: clicks select, double-clicks expand, the search box finds. */
class PipelineGraphViewTest extends ApplicationTest {
    private static final Executor SAME_THREAD = Runnable::run;
    private final WorkbenchState state = new WorkbenchState();
    private GraphViewModel vm;
    private PipelineGraphView view;

    @Override
    public void start(Stage stage) {
        vm = new GraphViewModel(state, SAME_THREAD, SAME_THREAD);
        view = new PipelineGraphView(vm);
        stage.setScene(new Scene(view, 1100, 700));
        stage.show();
        vm.show(DemoModel.load(), null);
    }

    /** Where a node is on screen, once the viewer has drawn it (hit testing needs its drawn size). */
    private Point2D screenPositionOf(String nodeId) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> view.nodePosition(nodeId).flatMap(view::nodeAt).filter(nodeId::equals).isPresent()).get());
        return view.localToScreen(view.nodePosition(nodeId).orElseThrow());
    }

    @Test
    void clickSelectsAndDoubleClickExpands() throws Exception {
        clickOn(screenPositionOf("sys:kafka"));
        assertThat(vm.selectedProperty().get()).isEqualTo("sys:kafka");
        assertThat(view.drawnClasses("sys:kafka")).contains("selected");

        doubleClickOn(screenPositionOf("sys:pg"));
        assertThat(vm.snapshotProperty().get().node("ds:pg.customers")).isPresent();
        assertThat(view.drawnClasses("ds:pg.customers")).contains("dataset").contains("source");
    }

    @Test
    void searchBoxFindsAHiddenField() {
        clickOn("#graphSearch").write("search.customers.email").type(KeyCode.ENTER);
        assertThat(vm.selectedProperty().get()).isEqualTo("fld:search.customers.email");
        assertThat(view.drawnClasses("fld:search.customers.email")).contains("field").contains("selected");
    }

    @Test
    void drawsFlowStatesAsClasses() {
        interact(() -> {
            vm.toggle("sys:search");
            state.setFlowState("index-customers", FlowState.CORRUPT);
        });
        assertThat(view.drawnClasses("ds:search.customers")).contains("corrupt");
        interact(() -> state.setFlowState("index-customers", FlowState.VERIFIED));
        assertThat(view.drawnClasses("ds:search.customers")).contains("verified").doesNotContain("corrupt");
    }
}
