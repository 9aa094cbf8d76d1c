package io.headwater.engine.discover;

import static io.headwater.engine.discover.DiscoveryTesting.discover;
import static io.headwater.engine.discover.DiscoveryTesting.topicNames;
import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.discover.DiscoveredPipeline.Flow;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.LogFormat;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Debezium source connectors, each from a config in the form Debezium's documentation gives. */
class DebeziumSourceDiscoveryTest {

    @Test
    void postgresConnectorCapturesTheIncludedSchemaMinusExclusionsKeyedByPrimaryKey() {
        DiscoveryTesting.Result r = discover("debezium-postgres.json");

        CaptureReading c = (CaptureReading) ConnectorInterpreters.read(Fixtures.connector("debezium-postgres.json"));
        assertThat(c.database().describe()).isEqualTo("postgresql postgres:5432/postgres");
        assertThat(c.slot()).isEqualTo("inventory_slot");
        assertThat(c.plugin()).isEqualTo("pgoutput");
        assertThat(c.snapshotMode()).isEqualTo("initial");

        DiscoveredPipeline.System pg = r.pipeline().system("postgres").orElseThrow();
        assertThat(pg.datasets()).extracting(DiscoveredPipeline.Dataset::name).containsExactly("inventory.customers", "inventory.products");
        assertThat(pg.dataset("customers").orElseThrow().key()).containsExactly("id");
        assertThat(pg.dataset("customers").orElseThrow().fields()).containsEntry("email", FieldType.STRING).hasSize(4);
        assertThat(pg.passwordVariable()).isEqualTo("POSTGRES_PASSWORD");
        assertThat(topicNames(r)).containsExactly("dbserver1.inventory.customers", "dbserver1.inventory.products");
        Flow capture = r.pipeline().flow("capture-customers").orElseThrow();
        assertThat(capture.kind()).isEqualTo(FlowKind.CDC);
        assertThat(capture.slot()).isEqualTo("inventory_slot");
        assertThat(capture.connector()).isEqualTo("inventory-connector");
        assertThat(r.pipeline().notUnderstood()).extracting(NotUnderstood::item).containsExactly("table inventory.geom");
        assertThat(r.yaml()).contains("password: ${POSTGRES_PASSWORD}").doesNotContain("password: postgres");
    }

    @Test
    void mysqlConnectorCapturesTheIncludedTablesOfItsDatabase() {
        DiscoveryTesting.Result r = discover("debezium-mysql.json");

        DiscoveredPipeline.System db = r.pipeline().system("inventory").orElseThrow();
        assertThat(db.kind().configName()).isEqualTo("mysql");
        assertThat(db.address()).isEqualTo("mysql:3306");
        assertThat(db.datasets()).extracting(DiscoveredPipeline.Dataset::name).containsExactly("inventory.customers", "inventory.orders");
        assertThat(db.dataset("orders").orElseThrow().key()).containsExactly("order_number");
        assertThat(db.dataset("orders").orElseThrow().fields()).containsEntry("order_date", FieldType.DATE);
        assertThat(topicNames(r)).containsExactly("dbserver1.inventory.customers", "dbserver1.inventory.orders");
        assertThat(r.pipeline().flow("capture-orders").orElseThrow().slot()).isNull();
    }

    @Test
    void olderKeysDatabaseServerNameAndWhitelistsAreReadWithAComment() {
        DiscoveryTesting.Result r = discover("debezium-mysql-legacy.json");

        assertThat(topicNames(r)).containsExactly("dbserver1.inventory.customers");
        assertThat(r.pipeline().system("inventory").orElseThrow().dataset("customers").orElseThrow().key()).containsExactly("id");
        assertThat(r.yaml()).contains("# topic prefix read from database.server.name");
    }

    @Test
    void regexRouterRenamesTheTopicsTheTablesGoTo() {
        DiscoveryTesting.Result r = discover("debezium-postgres-regexrouter.json");

        assertThat(topicNames(r)).containsExactly("customers", "orders");
        assertThat(r.pipeline().system("shop").orElseThrow().dataset("orders").orElseThrow().key()).containsExactly("id");
        assertThat(r.pipeline().flow("capture-orders").orElseThrow().to()).isEqualTo("kafka.orders");
        assertThat(r.pipeline().notUnderstood()).isEmpty();
    }

    @Test
    void extractNewRecordStateMakesTheTopicsFlattenedAndSaysHowDeletesLook() {
        DiscoveryTesting.Result r = discover("debezium-postgres-unwrap.json");

        DiscoveredPipeline.Dataset topic = r.pipeline().system("kafka").orElseThrow().dataset("customers").orElseThrow();
        assertThat(topic.name()).isEqualTo("flat.public.customers");
        assertThat(topic.format()).isEqualTo(LogFormat.FLATTENED);
        assertThat(r.pipeline().system("shop").orElseThrow().dataset("customers").orElseThrow().key()).containsExactly("id");
        assertThat(r.yaml()).contains("format: flattened").contains("a delete is the old row with __deleted=true")
                .contains("slot.name is not set: Debezium's default slot 'debezium'");
        assertThat(r.pipeline().flow("capture-customers").orElseThrow().slot()).isEqualTo("debezium");
    }

    @Test
    void aTransformDiscoveryDoesNotKnowIsListedByName() {
        ConnectorSnapshot s = Fixtures.connector("debezium-postgres-shop.properties");
        Map<String, String> config = new HashMap<>(s.config());
        config.put("transforms", "mask");
        config.put("transforms.mask.type", "com.example.MaskEverything");

        ConnectorReading r = ConnectorInterpreters.read(ConnectorSnapshot.of("shop-postgres", config));

        assertThat(r.notUnderstood()).extracting(NotUnderstood::item).containsExactly("transform mask (com.example.MaskEverything)");
    }

    @Test
    void byLogicalTableRouterMergesTablesIntoOneTopicAndSaysSo() {
        Map<String, String> config = new HashMap<>(Fixtures.connector("debezium-postgres-shop.properties").config());
        config.put("transforms", "Reroute");
        config.put("transforms.Reroute.type", "io.debezium.transforms.ByLogicalTableRouter");
        config.put("transforms.Reroute.topic.regex", "([^.]+)\\.([^.]+)\\.([^.]+)");
        config.put("transforms.Reroute.topic.replacement", "$1.all");

        CaptureReading c = (CaptureReading) ConnectorInterpreters.read(ConnectorSnapshot.of("shop-postgres", config));

        assertThat(c.topicOf("public", "customers")).isEqualTo("shop.all");
        assertThat(c.topicOf("public", "orders")).isEqualTo("shop.all");
        assertThat(c.transforms().notes()).anyMatch(n -> n.contains("routes several tables into one topic"));
    }
}
