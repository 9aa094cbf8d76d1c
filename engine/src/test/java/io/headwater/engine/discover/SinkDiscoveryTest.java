package io.headwater.engine.discover;

import static io.headwater.engine.discover.DiscoveryTesting.discover;
import static io.headwater.engine.discover.DiscoveryTesting.topicNames;
import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.discover.DiscoveredPipeline.Dataset;
import io.headwater.engine.discover.DiscoveredPipeline.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.RedisLayout;
import io.headwater.engine.model.SystemKind;
import org.junit.jupiter.api.Test;

/**
 * Sink connectors, each from a config in the form its documentation gives, downstream of the shop's
 * Debezium PostgreSQL connector (topics {@code shop.public.customers} and {@code shop.public.orders}).
 */
class SinkDiscoveryTest {
    private static final String SOURCE = "debezium-postgres-shop.properties";

    @Test
    void confluentJdbcSinkKeepsATableNamedByTheRoutedTopicKeyedByPkFields() {
        DiscoveryTesting.Result r = discover(SOURCE, "jdbc-sink-confluent.properties");

        SinkReading s = (SinkReading) ConnectorInterpreters.read(Fixtures.connector("jdbc-sink-confluent.properties"));
        assertThat(s.store().describe()).isEqualTo("postgresql warehouse:5432/analytics");
        assertThat(s.targetOf("shop.public.customers")).isEqualTo("customers_copy");
        assertThat(s.deletes()).isTrue();
        assertThat(s.insertMode()).isEqualTo("upsert");
        assertThat(s.consumerGroup()).isEqualTo("connect-customers-jdbc-sink");

        Dataset table = r.pipeline().system("analytics").orElseThrow().dataset("customers_copy").orElseThrow();
        assertThat(table.name()).isEqualTo("public.customers_copy");
        assertThat(table.key()).containsExactly("id");
        assertThat(table.fields()).containsOnlyKeys("id", "name", "email", "updated_at");
        Flow flow = r.pipeline().flow("sink-customers_copy").orElseThrow();
        assertThat(flow.kind()).isEqualTo(FlowKind.CONSUME);
        assertThat(flow.from()).isEqualTo("kafka.customers");
        assertThat(flow.consumerGroup()).isEqualTo("connect-customers-jdbc-sink");
        assertThat(topicNames(r)).containsExactly("shop.public.customers", "shop.public.orders");
        assertThat(r.yaml()).contains("sink columns [loaded_at] are not in the source table").contains("password: ${ANALYTICS_PASSWORD}")
                .doesNotContain("writerpassword");
    }

    @Test
    void debeziumJdbcSinkNamesTheTableAfterTheTopicWithUnderscoresKeyedByTheRecordKey() {
        SinkReading s = (SinkReading) ConnectorInterpreters.read(Fixtures.connector("jdbc-sink-debezium.json"));

        assertThat(s.targetOf("shop.public.orders")).isEqualTo("shop_public_orders");
        assertThat(s.store().user()).isEqualTo("writer");
        assertThat(s.keyFromRecord()).isTrue();
        assertThat(s.deletes()).isTrue();
        assertThat(s.topics()).containsExactly("shop.public.orders");
        // the warehouse has no such table: the dataset takes the source's fields and key, with a comment
        DiscoveryTesting.Result r = discover(SOURCE, "jdbc-sink-debezium.json");
        Dataset table = r.pipeline().system("analytics").orElseThrow().dataset("shop_public_orders").orElseThrow();
        assertThat(table.name()).isEqualTo("public.shop_public_orders");
        assertThat(table.key()).containsExactly("id");
        assertThat(table.fields()).containsOnlyKeys("id", "customer_id", "total", "status");
        assertThat(r.pipeline().flow("sink-shop_public_orders").orElseThrow().from()).isEqualTo("kafka.orders");
        assertThat(r.yaml()).contains("table public.shop_public_orders was not found in the sink database: its fields are the source's");
    }

    @Test
    void confluentElasticsearchSinkIndexesEachTopicByRecordKeyAndDeletesOnTombstones() {
        DiscoveryTesting.Result r = discover(SOURCE, "elasticsearch-sink-confluent.json");

        DiscoveredPipeline.System es = r.pipeline().system("elasticsearch").orElseThrow();
        assertThat(es.kind()).isEqualTo(SystemKind.ELASTICSEARCH);
        assertThat(es.address()).isEqualTo("elastic:9200");
        Dataset index = es.dataset("customers").orElseThrow();
        assertThat(index.name()).isEqualTo("shop.public.customers");
        assertThat(index.key()).containsExactly("id");
        assertThat(index.fields()).containsOnlyKeys("id", "name", "email", "updated_at");
        assertThat(r.pipeline().flow("sink-customers").orElseThrow().consumerGroup()).isEqualTo("connect-elastic-sink");
        SinkReading s = (SinkReading) ConnectorInterpreters.read(Fixtures.connector("elasticsearch-sink-confluent.json"));
        assertThat(s.deletes()).isTrue();
        assertThat(s.keyFromRecord()).isTrue();
    }

    @Test
    void aivenOpenSearchSinkTakesEveryTopicItsRegexMatches() {
        DiscoveryTesting.Result r = discover(SOURCE, "opensearch-sink-aiven.json");

        DiscoveredPipeline.System os = r.pipeline().system("opensearch").orElseThrow();
        assertThat(os.kind()).isEqualTo(SystemKind.OPENSEARCH);
        assertThat(os.address()).isEqualTo("opensearch.internal:9200");
        assertThat(os.user()).isEqualTo("admin");
        assertThat(os.passwordVariable()).isEqualTo("OPENSEARCH_PASSWORD");
        assertThat(os.datasets()).extracting(Dataset::name).containsExactly("shop.public.customers", "shop.public.orders");
        assertThat(os.dataset("orders").orElseThrow().key()).containsExactly("id");
        assertThat(r.pipeline().flow("sink-orders").orElseThrow().from()).isEqualTo("kafka.orders");
        assertThat(r.yaml()).doesNotContain("admin-secret");
    }

    @Test
    void redisKafkaConnectSinkStoresHashesUnderKeyspaceAndSeparator() {
        DiscoveryTesting.Result r = discover(SOURCE, "redis-sink-redis-kafka-connect.json");

        Dataset keys = r.pipeline().system("redis").orElseThrow().dataset("customers").orElseThrow();
        assertThat(keys.layout()).isEqualTo(RedisLayout.HASH);
        assertThat(keys.keyPrefix()).isEqualTo("customer:");
        assertThat(keys.key()).containsExactly("id");
        assertThat(r.pipeline().system("redis").orElseThrow().address()).isEqualTo("cache:6379");
        assertThat(r.pipeline().flow("sink-customers").orElseThrow().from()).isEqualTo("kafka.customers");
    }

    @Test
    void jcustenborderRedisSinkIsListedAsStoringRawRecordKeys() {
        DiscoveryTesting.Result r = discover(SOURCE, "redis-sink-jcustenborder.properties");

        SinkReading s = (SinkReading) ConnectorInterpreters.read(Fixtures.connector("redis-sink-jcustenborder.properties"));
        assertThat(s.store().describe()).isEqualTo("redis cache:6379/2");
        assertThat(s.topics()).containsExactly("shop.public.customers");
        assertThat(r.pipeline().system("redis")).isEmpty();
        assertThat(r.pipeline().notUnderstood()).extracting(NotUnderstood::item).containsExactly("redis keys of shop.public.customers");
        assertThat(r.yaml()).contains("keys are the record keys without a prefix");
    }

    @Test
    void s3SinkIsListedWithWhereItWritesButNotVerified() {
        DiscoveryTesting.Result r = discover(SOURCE, "s3-sink-confluent.json");

        SinkReading s = (SinkReading) ConnectorInterpreters.read(Fixtures.connector("s3-sink-confluent.json"));
        assertThat(s.targetOf("shop.public.customers")).isEqualTo("s3://shop-archive/topics/shop.public.customers/");
        assertThat(s.topics()).containsExactly("shop.public.customers");
        assertThat(r.pipeline().flows()).extracting(Flow::kind).containsOnly(FlowKind.CDC);
        assertThat(r.pipeline().notUnderstood()).extracting(NotUnderstood::item).containsExactly("s3 bucket shop-archive");
        assertThat(r.yaml()).contains("s3-sink: s3 bucket shop-archive: Headwater has no S3 system");
    }

    @Test
    void anUnknownConnectorClassIsListedByNameNotDropped() {
        DiscoveryTesting.Result r = discover(SOURCE, "unknown-connector.json");

        assertThat(r.pipeline().notUnderstood()).extracting(NotUnderstood::toString)
                .containsExactly("mongo-sink: connector.class com.mongodb.kafka.connect.MongoSinkConnector: "
                        + "not a connector discovery knows (sink); nothing of it is in the pipeline");
        assertThat(r.yaml()).contains("#   - mongo-sink: connector.class com.mongodb.kafka.connect.MongoSinkConnector");
    }
}
