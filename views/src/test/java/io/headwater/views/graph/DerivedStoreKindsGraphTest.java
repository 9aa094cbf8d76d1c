package io.headwater.views.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.spi.FlowProgress;
import io.headwater.engine.spi.PartitionRef;
import io.headwater.views.common.FlowState;
import io.headwater.views.common.WorkbenchState;
import io.headwater.views.shell.DemoModel;
import io.headwater.views.shell.FakeWorkbench;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.ApplicationTest;

/**
 * The graph of a pipeline whose derived stores are OpenSearch, Redis, PostgreSQL and MySQL
 * (sample-configs/bank-attach.yaml), drawn headless without any of those servers: each system
 * carries its kind's class and icon, the derived databases look like derived stores, and
 * verification colours and observed lag show on them as on any store.
 */
class DerivedStoreKindsGraphTest extends ApplicationTest {
    private static final Executor SAME_THREAD = Runnable::run;
    private final Pipeline pipeline = new PipelineLoader(name -> null).load(DemoModel.config().resolveSibling("bank-attach.yaml"));
    private final WorkbenchState state = new WorkbenchState();
    private GraphViewModel vm;
    private PipelineGraphView view;

    @Override
    public void start(Stage stage) {
        vm = new GraphViewModel(state, SAME_THREAD, SAME_THREAD);
        view = new PipelineGraphView(vm);
        stage.setScene(new Scene(view, 1100, 700));
        stage.show();
        vm.show(pipeline, new FakeWorkbench(pipeline));
    }

    private GraphNode node(String id) {
        return vm.snapshotProperty().get().node(id).orElseThrow(() -> new AssertionError("no node " + id));
    }

    @Test
    void eachSystemIsDrawnWithItsKindsClassAndIcon() {
        assertThat(view.drawnClasses("sys:search")).contains("kind_opensearch").contains("role_derived");
        assertThat(view.drawnClasses("sys:cache")).contains("kind_redis").contains("role_derived");
        assertThat(view.drawnClasses("sys:reporting")).contains("kind_postgres").contains("role_derived");
        assertThat(view.drawnClasses("sys:finance")).contains("kind_mysql").contains("role_derived");
        assertThat(view.drawnClasses("sys:pg")).contains("kind_postgres").contains("role_record").contains(GraphStyle.SOURCE);
        for (SystemKind kind : SystemKind.values()) {
            assertThat(GraphIcons.cached(kind)).as("icon of %s", kind).isNotNull();
            assertThat(GraphIcons.cached(kind).getHeight()).as("icon of %s", kind).isGreaterThan(8);
            assertThat(GraphStyle.STYLESHEET_WITH_ICONS).contains("node.kind_" + kind.configName() + " { icon-mode: at-left; icon: url('"
                    + GraphIcons.url(kind) + "'); }");
        }
    }

    @Test
    void everyKindHasAGlyphOfItsOwnAndItIsDrawnNotAMissingGlyphBox() {
        assertThat(List.of(SystemKind.values()).stream().map(SystemIcons::glyph).distinct()).hasSize(SystemKind.values().length);
        // Rendered without the icon font, every glyph would come out as the same box: the images must differ.
        Set<String> drawn = new HashSet<>();
        for (SystemKind kind : SystemKind.values()) {
            drawn.add(pixels(GraphIcons.cached(kind)));
        }
        assertThat(drawn).hasSize(SystemKind.values().length);
    }

    private static String pixels(Image image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return w + "x" + h + ":" + Arrays.hashCode(argb);
    }

    @Test
    void aDerivedPostgresIsNeitherBlueNorLabelledLikeTheSystemOfRecord() {
        assertThat(node("sys:reporting").source()).isFalse();
        assertThat(node("sys:reporting").label()).startsWith("reporting  (postgres, derived, attached, ");
        assertThat(node("sys:finance").label()).startsWith("finance  (mysql, derived, attached, ");
        assertThat(node("sys:pg").label()).startsWith("pg  (postgres, attached, ");
        assertThat(node("sys:search").label()).as("a search engine is derived by nature").startsWith("search  (opensearch, attached, ");
        assertThat(node("sys:reporting").x()).as("in the derived column, right of the log").isGreaterThan(node("sys:kafka").x());

        interact(() -> vm.toggle("sys:reporting"));
        assertThat(view.drawnClasses("ds:reporting.transfers")).contains("role_derived").doesNotContain(GraphStyle.SOURCE);
        interact(() -> vm.select("sys:reporting"));
        assertThat(vm.detailsProperty().get().value(NodeDetailsBuilder.KIND)).startsWith("postgres — derived store, attached");
        assertThat(vm.detailsProperty().get().systemKind()).contains(SystemKind.POSTGRES);
    }

    @Test
    void detailsOfARedisDatasetNameItsKeyPrefixAndLayout() {
        interact(() -> vm.select("ds:cache.customers"));
        assertThat(vm.detailsProperty().get().value(NodeDetailsBuilder.ADDRESS)).isEqualTo("localhost:6379 — keys customer:* (hash)");
        assertThat(vm.detailsProperty().get().value(NodeDetailsBuilder.KIND)).isEqualTo("dataset of redis (derived store)");
        assertThat(vm.detailsProperty().get().systemKind()).contains(SystemKind.REDIS);
    }

    @Test
    void verificationColoursAndObservedLagShowOnTheNewKindsAsOnAnyStore() {
        interact(() -> {
            state.setFlowState("index-customers", FlowState.VERIFIED);
            state.setFlowState("cache-customers", FlowState.CORRUPT);
            state.setFlowState("report-transfers", FlowState.IN_FLIGHT);
        });
        assertThat(view.drawnClasses("sys:search")).contains(GraphStyle.VERIFIED);
        assertThat(view.drawnClasses("sys:cache")).contains(GraphStyle.CORRUPT);
        assertThat(view.drawnClasses("sys:reporting")).contains(GraphStyle.IN_FLIGHT);

        PartitionRef p0 = new PartitionRef("bank.public.customers", 0);
        FlowProgress cache = new FlowProgress("cache-customers", true, 12, FlowProgress.LagUnit.RECORDS, Map.of(p0, 88L), Map.of(p0, 100L),
                "group bank-cache: 12 records behind");
        interact(() -> vm.updateStatus(List.of(), List.of(cache)));
        GraphEdge toCache = vm.snapshotProperty().get().edges().stream().filter(e -> e.to().equals("sys:cache")).findFirst().orElseThrow();
        assertThat(toCache.label()).isEqualTo(cache.lagText());
        assertThat(view.drawnClasses(toCache.id())).startsWith(GraphStyle.EXTERNAL).contains(GraphStyle.CORRUPT);
    }

    @Test
    void longAttachedLabelsDoNotMakeNeighbouringColumnsOverlap() {
        List<GraphNode> systems = vm.snapshotProperty().get().nodes().stream().filter(n -> n.kind() == GraphNodeKind.SYSTEM).toList();
        Map<String, Double> widths = new HashMap<>();
        interact(() -> {
            NodeSizer sizer = new NodeSizer();
            systems.forEach(n -> widths.put(n.id(), width(sizer.styleFor(n.kind(), GraphStyle.labelOf(n)))));
        });
        for (GraphNode left : systems) {
            for (GraphNode right : systems) {
                if (right.x() > left.x()) {
                    assertThat(right.x() - left.x()).as("%s and %s apart", left.id(), right.id())
                            .isGreaterThanOrEqualTo((widths.get(left.id()) + widths.get(right.id())) / 2);
                }
            }
        }
    }

    /** The width in graph units of a NodeSizer style, "size: 12.00gu, 0.94gu;". */
    private static double width(String style) {
        return Double.parseDouble(style.substring("size: ".length(), style.indexOf("gu")));
    }

    /**
     * With {@code -Dheadwater.screenshots=true}: the graph with every system open, verification
     * colours and a lag on it, saved as docs/workbench-bank-attach.png for the README.
     */
    @Test
    void snapshotForTheReadme() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("headwater.screenshots"), "the README's picture is saved only with -Dheadwater.screenshots=true");
        PartitionRef p0 = new PartitionRef("bank.public.customers", 0);
        FlowProgress cache = new FlowProgress("cache-customers", true, 12, FlowProgress.LagUnit.RECORDS, Map.of(p0, 88L), Map.of(p0, 100L),
                "group bank-cache: 12 records behind");
        interact(() -> {
            view.getScene().getWindow().setWidth(1500);
            view.getScene().getWindow().setHeight(620);
            state.setFlowState("index-customers", FlowState.VERIFIED);
            state.setFlowState("book-accounts", FlowState.VERIFIED);
            state.setFlowState("cache-customers", FlowState.CORRUPT);
            state.setFlowState("report-transfers", FlowState.IN_FLIGHT);
            vm.updateStatus(List.of(), List.of(cache));
            for (String system : List.of("sys:pg", "sys:search", "sys:cache", "sys:reporting", "sys:finance")) {
                vm.toggle(system);
            }
        });
        Thread.sleep(500); // the canvas takes the new size on the next pulses; fit to that size
        interact(view::fitToWindow);
        Thread.sleep(500);
        AtomicReference<WritableImage> image = new AtomicReference<>();
        interact(() -> image.set(view.snapshot(null, null)));
        Path file = Path.of(System.getProperty("headwater.repo.root", "..")).toAbsolutePath().normalize().resolve("docs/workbench-bank-attach.png");
        BufferedImage out = new BufferedImage((int) image.get().getWidth(), (int) image.get().getHeight(), BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, image.get().getPixelReader().getArgb(x, y));
            }
        }
        ImageIO.write(out, "png", file.toFile());
    }
}
