package io.headwater.engine.lineage.openlineage;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.integrity.FindingCounts;
import io.headwater.engine.integrity.FingerprintAlgorithm;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.lineage.openlineage.DatasetNaming.DatasetName;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.SystemKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OpenLineageExportTest {
    private static final Pipeline DEMO = new PipelineLoader(name -> null).load(Path.of("..", "sample-configs", "demo.yaml"));
    private static final Instant AT = Instant.parse("2026-12-04T12:00:00Z");

    private static final String ATTACHED = """
            pipeline: shop
            data-dir: /tmp/shop
            systems:
              - id: db
                kind: postgres
                role: record
                address: db.example:5432
                database: app
                user: reader
                datasets:
                  - { id: orders, name: sales.orders, key: id, fields: { id: integer, total: decimal } }
              - id: my
                kind: mysql
                role: record
                address: maria.example:3306
                database: legacy
                user: reader
                datasets:
                  - { id: users, name: users, key: id, fields: { id: integer } }
              - id: bus
                kind: kafka
                role: log
                address: k1.example:9092,k2.example:9092
                datasets:
                  - { id: orders, name: app.sales.orders }
            flows:
              - { id: capture, kind: cdc, from: db.orders, to: bus.orders, runs: external }
            """;

    @Test
    void namesAttachedDatasetsAfterTheOpenLineageConventions() {
        Pipeline p = new PipelineLoader(name -> null).parse(ATTACHED, "shop.yaml", Path.of("/tmp"));
        PipelineExport export = new PipelineExport(p, null);
        assertThat(export.name(DatasetRef.parse("db.orders"))).isEqualTo(new DatasetName("postgres://db.example:5432", "app.sales.orders"));
        assertThat(export.name(DatasetRef.parse("my.users"))).isEqualTo(new DatasetName("mysql://maria.example:3306", "legacy.users"));
        assertThat(export.name(DatasetRef.parse("bus.orders"))).isEqualTo(new DatasetName("kafka://k1.example:9092", "app.sales.orders"));
    }

    @Test
    void namesHostedSystemsByPipelineAndSystemForLackOfAFixedPort() {
        PipelineExport export = new PipelineExport(DEMO, null);
        assertThat(export.name(DatasetRef.parse("pg.customers"))).isEqualTo(new DatasetName("postgres://pg.demo.headwater", "postgres.public.customers"));
        assertThat(export.name(DatasetRef.parse("search.customers"))).isEqualTo(new DatasetName("lucene://search.demo.headwater", "customers"));
        assertThat(DatasetNaming.kindOf("lucene://search.demo.headwater")).contains(SystemKind.LUCENE);
    }

    @Test
    void everyFlowBecomesAJobWithItsSourceAsInputAndTargetAsOutput() {
        List<LineageEvent> events = new PipelineExport(DEMO, null).events(AT);
        assertThat(events).hasSize(DEMO.flows().size()).allMatch(LineageEvent.JobEvent.class::isInstance);
        LineageEvent.JobEvent index = job(events, "index-customers");
        assertThat(index.job().namespace()).isEqualTo("headwater.demo");
        assertThat(index.inputs()).extracting(LineageEvent.Dataset::name).containsExactly("demo.public.customers");
        assertThat(index.outputs()).extracting(LineageEvent.Dataset::namespace).containsExactly("lucene://search.demo.headwater");
        assertThat(index.job().facets()).containsExactly(new Facet.JobType("STREAMING", "HEADWATER", "CONSUME"));
    }

    @Test
    void columnLineageCarriesEachHopsTransformation() {
        LineageEvent.JobEvent index = job(new PipelineExport(DEMO, null).events(AT), "index-customers");
        Facet.ColumnLineage lineage = index.outputs().get(0).facet(Facet.ColumnLineage.class).orElseThrow();
        assertThat(lineage.fields()).containsOnlyKeys("id", "name", "email", "country");
        Facet.InputField email = lineage.fields().get("email").get(0);
        assertThat(email.field()).isEqualTo("email");
        assertThat(email.transformations()).containsExactly(new Facet.Transformation("DIRECT", "TRANSFORMATION", "lower(email)", false));

        Facet.ColumnLineage totals = job(new PipelineExport(DEMO, null).events(AT), "daily-totals").outputs().get(0)
                .facet(Facet.ColumnLineage.class).orElseThrow();
        assertThat(totals.fields().get("total_amount").get(0).transformations().get(0).subtype()).isEqualTo("AGGREGATION");
        // count() reads no field: it counts the source's records, named by their key.
        assertThat(totals.fields().get("transfer_count")).extracting(Facet.InputField::field).containsExactly("request_id");

        Facet.ColumnLineage capture = job(new PipelineExport(DEMO, null).events(AT), "capture-customers").outputs().get(0)
                .facet(Facet.ColumnLineage.class).orElseThrow();
        assertThat(capture.fields()).containsKeys("id", "email", "updated_at");
        assertThat(capture.fields().get("email").get(0).transformations().get(0).subtype()).isEqualTo("IDENTITY");
    }

    @Test
    void piiAndRetentionTagsBecomeFieldTags() {
        LineageEvent.JobEvent capture = job(new PipelineExport(DEMO, null).events(AT), "capture-customers");
        Facet.Tags tags = capture.inputs().get(0).facet(Facet.Tags.class).orElseThrow();
        assertThat(tags.tags()).contains(new Facet.Tag("pii", "email", "CONFIG", "email"), new Facet.Tag("retention", "7y", "CONFIG", "email"),
                new Facet.Tag("pii", "phone", "CONFIG", "phone"));
        assertThat(capture.inputs().get(0).facet(Facet.Symlinks.class).orElseThrow().identifiers())
                .containsExactly(new Facet.Symlink("headwater://demo", "pg.customers", "HEADWATER"));
    }

    @Test
    void verificationRunAssertsNoMissingExtraOrMismatchedRecords() {
        PipelineExport export = new PipelineExport(DEMO, "ns");
        VerificationEvents events = new VerificationEvents(export);
        UUID run = VerificationEvents.newRunId(AT);
        VerificationResult result = new VerificationResult("s", "t", FingerprintAlgorithm.values()[0], 100, 99, 100,
                new FindingCounts(1, 0, 0, 2), List.of(), Duration.ofMillis(5), 1, null, 1, 0);
        LineageEvent.Run complete = events.complete(DEMO.flow("index-customers").orElseThrow(), run, AT, result);
        assertThat(complete.eventType()).isEqualTo(LineageEvent.EventType.COMPLETE);
        assertThat(complete.job().name()).isEqualTo("index-customers");
        assertThat(complete.outputs().get(0).facet(Facet.DataQualityAssertions.class).orElseThrow().assertions()).containsExactly(
                new Facet.Assertion("missing = 0", false, null), new Facet.Assertion("extra = 0", true, null),
                new Facet.Assertion("mismatched = 0", true, null));
        assertThat(complete.outputs().get(0).facet(Facet.DataQualityMetrics.class)).contains(new Facet.DataQualityMetrics(99, false));
        assertThat(complete.inputs().get(0).inputFacets()).containsExactly(new Facet.DataQualityMetrics(100, true));
        assertThat(run.version()).isEqualTo(7);
        assertThat(events.start(DEMO.flow("index-customers").orElseThrow(), run, AT).runId()).isEqualTo(run);
    }

    private static LineageEvent.JobEvent job(List<LineageEvent> events, String name) {
        return events.stream().map(LineageEvent.JobEvent.class::cast).filter(e -> e.job().name().equals(name)).findFirst().orElseThrow();
    }
}
