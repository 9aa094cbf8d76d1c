package io.headwater.engine.lineage.openlineage;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.lineage.LineageGraph;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.FieldRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.SystemSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OpenLineageImportTest {
    private static final Pipeline DEMO = new PipelineLoader(name -> null).load(Path.of("..", "sample-configs", "demo.yaml"));
    private static final Instant AT = Instant.parse("2026-12-04T12:00:00Z");

    private static Pipeline roundTrip(List<LineageEvent> events) {
        String yaml = ConfigSkeleton.write(ImportedLineage.of(events), "events.ndjson");
        return new PipelineLoader(name -> null).parse(yaml, "imported.yaml", Path.of("/tmp"));
    }

    @Test
    void exportThenImportGivesBackTheSameGraph() {
        Pipeline back = roundTrip(new PipelineExport(DEMO, null).events(AT));

        assertThat(back.name()).isEqualTo("demo");
        assertThat(back.dataDir()).as("never the data directory of the exported pipeline").isNotEqualTo(DEMO.dataDir());
        assertThat(describe(back.systems())).isEqualTo(describe(DEMO.systems()));
        assertThat(back.flows()).hasSameSizeAs(DEMO.flows());
        for (Flow f : DEMO.flows()) {
            Flow g = back.flow(f.id()).orElseThrow();
            assertThat(List.of(g.kind(), g.from(), g.to(), g.mapping().toString()))
                    .as(f.id()).isEqualTo(List.of(f.kind(), f.from(), f.to(), f.mapping().toString()));
        }
        LineageGraph before = new LineageGraph(DEMO);
        LineageGraph after = new LineageGraph(back);
        FieldRef email = FieldRef.parse("pg.customers.email");
        assertThat(after.impact(email).toString()).isEqualTo(before.impact(email).toString());
        assertThat(after.origin(FieldRef.parse("analytics.daily_totals.total_amount")).toString())
                .isEqualTo(before.origin(FieldRef.parse("analytics.daily_totals.total_amount")).toString());
    }

    @Test
    void verificationRunEventsAddNothingToTheGraph() {
        PipelineExport export = new PipelineExport(DEMO, null);
        VerificationEvents runs = new VerificationEvents(export);
        Flow flow = DEMO.flow("cache-customers").orElseThrow();
        List<LineageEvent> events = new ArrayList<>(export.events(AT));
        events.add(runs.start(flow, VerificationEvents.newRunId(AT), AT));
        events.add(runs.fail(flow, VerificationEvents.newRunId(AT), AT, "boom"));
        ImportedLineage lineage = ImportedLineage.of(events);
        assertThat(lineage.jobs()).hasSize(DEMO.flows().size());
        assertThat(lineage.eventCount()).isEqualTo(DEMO.flows().size() + 2);
    }

    @Test
    void importsLineageAnotherToolRecordedAsAttachedSystemsWithExternalFlows() {
        Facet.ColumnLineage cl = new Facet.ColumnLineage(Map.of(
                "customer_id", List.of(new Facet.InputField("postgres://db.prod:5432", "shop.public.customers", "id",
                        List.of(new Facet.Transformation("DIRECT", "IDENTITY", "", false)))),
                "mail", List.of(new Facet.InputField("postgres://db.prod:5432", "shop.public.customers", "email",
                        List.of(new Facet.Transformation("DIRECT", "TRANSFORMATION", "CONCAT(lower(email))", true))))));
        LineageEvent.Dataset in = new LineageEvent.Dataset("postgres://db.prod:5432", "shop.public.customers",
                List.of(new Facet.Schema(List.of(new Facet.SchemaField("id", "BIGINT"), new Facet.SchemaField("email", "VARCHAR(200)"))),
                        new Facet.Tags(List.of(new Facet.Tag("pii", "email", "USER", "email")))), List.of());
        LineageEvent.Dataset out = new LineageEvent.Dataset("mysql://dw.prod:3306", "dw.customers",
                List.of(new Facet.Schema(List.of(new Facet.SchemaField("customer_id", "INT"), new Facet.SchemaField("mail", "TEXT"))), cl),
                List.of());
        LineageEvent.Dataset s3 = new LineageEvent.Dataset("s3://bucket", "exports/customers.csv");
        LineageEvent.Run run = new LineageEvent.Run(LineageEvent.EventType.COMPLETE, AT, VerificationEvents.newRunId(AT), List.of(),
                new LineageEvent.Job("airflow", "etl.load customers", List.of()), List.of(in), List.of(out, s3));

        String yaml = ConfigSkeleton.write(ImportedLineage.of(List.of(run)), "marquez.ndjson");
        assertThat(yaml).contains("# left out: s3://bucket exports/customers.csv", "user: CHANGE-ME", "runs: external",
                "# TODO: was: CONCAT(lower(email))");
        Pipeline p = new PipelineLoader(name -> null).parse(yaml, "imported.yaml", Path.of("/tmp"));
        assertThat(p.name()).isEqualTo("airflow");
        SystemSpec source = p.system("postgres-db-shop").orElseThrow();
        assertThat(source.attached()).isTrue();
        assertThat(source.connection().address()).isEqualTo("db.prod:5432");
        Dataset customers = source.dataset("customers").orElseThrow();
        assertThat(customers.physicalName()).isEqualTo("public.customers");
        assertThat(customers.field("email").orElseThrow().piiCategories()).containsExactly("email");
        assertThat(customers.field("id").orElseThrow().type().configName()).isEqualTo("integer");
        Flow flow = p.flows().get(0);
        assertThat(flow.id()).isEqualTo("etl_load_customers");
        assertThat(flow.external()).isTrue();
        assertThat(flow.kind().configName()).isEqualTo("copy");
        assertThat(flow.mapping().stream().map(Object::toString).collect(Collectors.toList()))
                .containsExactlyInAnyOrder("customer_id <- id", "mail <- email");
    }

    private static String describe(List<SystemSpec> systems) {
        StringBuilder sb = new StringBuilder();
        // Systems come back in the order the events first name them; the graph does not depend on it.
        for (SystemSpec s : systems.stream().sorted(Comparator.comparing(SystemSpec::id)).toList()) {
            sb.append(s.id()).append(' ').append(s.kind()).append(' ').append(s.role()).append(' ').append(s.hosted()).append('\n');
            for (Dataset d : s.datasets()) {
                sb.append("  ").append(d.ref()).append(' ').append(d.physicalName()).append(" key ").append(d.key()).append(' ')
                        .append(d.fields()).append('\n');
            }
        }
        return sb.toString();
    }
}
