package io.headwater.engine.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.FieldRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Pipeline;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineageGraphTest {
    private static final Pipeline DEMO = new PipelineLoader(name -> null).load(Path.of("..", "sample-configs", "demo.yaml"));
    private static final LineageGraph GRAPH = new LineageGraph(DEMO);

    private static DatasetRef ds(String text) {
        return DatasetRef.parse(text);
    }

    private static FieldRef field(String text) {
        return FieldRef.parse(text);
    }

    @Test
    void downstreamOfRecordTableListsLogThenDerivedStores() {
        assertThat(GRAPH.downstream(ds("pg.customers")))
                .containsExactly(ds("kafka.customers"), ds("search.customers"), ds("cache.customers"));
        assertThat(GRAPH.downstreamFlows(ds("pg.customers"))).extracting(Flow::id)
                .containsExactly("capture-customers", "index-customers", "cache-customers");
    }

    @Test
    void upstreamOfDerivedStoreListsLogThenRecordTable() {
        assertThat(GRAPH.upstream(ds("analytics.daily_totals"))).containsExactly(ds("kafka.transfers"), ds("pg.transfers"));
        assertThat(GRAPH.upstreamFlows(ds("analytics.daily_totals"))).extracting(Flow::id)
                .containsExactly("daily-totals", "capture-transfers");
    }

    @Test
    void endsOfTheGraphHaveNothingBeyondThem() {
        assertThat(GRAPH.upstream(ds("pg.accounts"))).isEmpty();
        assertThat(GRAPH.downstream(ds("blobs.documents"))).isEmpty();
        assertThat(GRAPH.downstream(ds("nowhere.nothing"))).isEmpty();
    }

    @Test
    void impactOfEmailReachesSearchThroughLowerAndCache() {
        List<FieldPath> impact = GRAPH.impact(field("pg.customers.email"));

        assertThat(impact).extracting(FieldPath::target).containsExactly(
                field("kafka.customers.email"), field("search.customers.email"), field("cache.customers.email"));
        assertThat(impact).extracting(FieldPath::render).containsExactly(
                "pg.customers.email -> kafka.customers.email",
                "pg.customers.email -> kafka.customers.email -> search.customers.email [lower(email)]",
                "pg.customers.email -> kafka.customers.email -> cache.customers.email");
        assertThat(impact.get(1).hops()).extracting(h -> h.flow().id()).containsExactly("capture-customers", "index-customers");
    }

    @Test
    void impactFollowsRenamingMappings() {
        assertThat(GRAPH.impact(field("pg.accounts.id"))).extracting(FieldPath::render).containsExactly(
                "pg.accounts.id -> kafka.accounts.id",
                "pg.accounts.id -> kafka.accounts.id -> analytics.balances.account_id [id]");
    }

    @Test
    void fieldNobodyMapsHasNoImpactBeyondTheLog() {
        assertThat(GRAPH.impact(field("pg.customers.created_at"))).extracting(FieldPath::target)
                .containsExactly(field("kafka.customers.created_at"));
    }

    @Test
    void originOfDailyTotalAmountIsTransferAmount() {
        List<FieldPath> origin = GRAPH.origin(field("analytics.daily_totals.total_amount"));

        assertThat(origin).extracting(FieldPath::target).containsExactly(field("kafka.transfers.amount"), field("pg.transfers.amount"));
        assertThat(origin.get(1).render())
                .isEqualTo("pg.transfers.amount -> kafka.transfers.amount -> analytics.daily_totals.total_amount [sum(amount)]");
    }

    @Test
    void countHasNoOriginField() {
        assertThat(GRAPH.origin(field("analytics.daily_totals.transfer_count"))).isEmpty();
    }

    @Test
    void demoHasNoCycle() {
        assertThat(GRAPH.findCycle()).isEmpty();
    }

    @Test
    void findsCycleWithFirstDatasetRepeated() {
        Pipeline looped = new Pipeline(DEMO.name(), null, DEMO.dataDir(), DEMO.systems(), List.of(
                new Flow("a", io.headwater.engine.model.FlowKind.TRANSFORM, ds("pg.customers"), ds("search.customers"), List.of()),
                new Flow("b", io.headwater.engine.model.FlowKind.TRANSFORM, ds("search.customers"), ds("cache.customers"), List.of()),
                new Flow("c", io.headwater.engine.model.FlowKind.TRANSFORM, ds("cache.customers"), ds("search.customers"), List.of())));

        assertThat(new LineageGraph(looped).findCycle())
                .contains(List.of(ds("search.customers"), ds("cache.customers"), ds("search.customers")));
    }
}
