package io.headwater.tests.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.app.runtime.LivePipeline;
import io.headwater.app.runtime.audit.PipelineStores;
import io.headwater.connectors.audit.BreachExposureProbe;
import io.headwater.connectors.audit.ErasureTracer;
import io.headwater.connectors.audit.PiiDiscoveryProbe;
import io.headwater.connectors.audit.RetentionProbe;
import io.headwater.connectors.opensearch.SearchAudits;
import io.headwater.engine.audit.ErasureLocation;
import io.headwater.engine.audit.ErasureSubject;
import io.headwater.engine.audit.ErasureTrace;
import io.headwater.engine.audit.Evidence;
import io.headwater.engine.audit.EvidenceKind;
import io.headwater.engine.audit.Probe;
import io.headwater.engine.audit.ProbeContext;
import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.lineage.LineageGraph;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ProgressListener;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit probes on search indexes that Headwater keeps in a real OpenSearch node (the demo with
 * its search system moved there): PII discovery and breach exposure read the documents through the
 * adapter's reader; retention asks the index for the oldest document and the count past the
 * cut-off by the dataset's timestamp field; an erasure trace finds a customer by key and their
 * accounts by the subject field, before and after the deletion. Counts are checked against
 * PostgreSQL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenSearchAuditIT {
    private static final DatasetRef SEARCH_CUSTOMERS = DatasetRef.parse("search.customers");

    @TempDir
    static Path dir;
    static OpenSearchTestNode node;
    static LivePipeline rt;
    static PipelineStores stores;
    static Pipeline pipeline;

    @BeforeAll
    static void start() throws Exception {
        node = OpenSearchTestNode.start(dir.resolve("node"));
        pipeline = new PipelineLoader().load(DemoOnOpenSearch.write(dir, node.httpPort())).withDataDir(dir.resolve("data"));
        rt = LivePipeline.start(pipeline, LivePipeline.Options.demo(5), ProgressListener.NONE);
        awaitCaughtUp();
        stores = new PipelineStores(rt);
    }

    @AfterAll
    static void stop() {
        if (rt != null) {
            rt.close();
        }
        if (node != null) {
            node.close();
        }
    }

    private static void awaitCaughtUp() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (!rt.caughtUp()) {
            assertThat(System.currentTimeMillis()).as("caught up within 120 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static List<Evidence> gather(Probe probe, Clock clock) {
        return probe.gather(new ProbeContext(pipeline, new LineageGraph(pipeline), clock, new Cancellation(), ProgressListener.NONE));
    }

    private static Evidence one(List<Evidence> evidence, String code, String subject) {
        List<Evidence> found = evidence.stream().filter(e -> e.code().equals(code) && e.subject().equals(subject)).toList();
        assertThat(found).as("evidence %s about %s in %s", code, subject, evidence.stream().map(e -> e.code() + "@" + e.subject()).toList()).hasSize(1);
        return found.get(0);
    }

    private static long sql(String query) throws Exception {
        try (Connection c = rt.recordDataSource().orElseThrow().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Instant sqlInstant(String query) throws Exception {
        try (Connection c = rt.recordDataSource().orElseThrow().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            Timestamp t = rs.getTimestamp(1);
            return t.toInstant();
        }
    }

    private static long records(ErasureTrace t, String place) {
        return t.locations().stream().filter(l -> l.place().equals(place)).mapToLong(ErasureLocation::records).sum();
    }

    @Test
    @Order(1)
    void piiDiscoveryAndBreachExposureReadTheIndexThroughTheAdapter() throws Exception {
        long emails = sql("SELECT count(*) FROM customers WHERE email IS NOT NULL");

        List<Evidence> pii = gather(new PiiDiscoveryProbe(stores, 100_000), Clock.systemUTC());
        assertThat(one(pii, "pii-confirmed", "search.customers.email").summary()).contains("pii:email");
        assertThat(pii).noneMatch(e -> e.subject().startsWith("search.") && e.kind() == EvidenceKind.UNAVAILABLE);

        List<Evidence> breach = gather(new BreachExposureProbe(stores, 100_000), Clock.systemUTC());
        assertThat(one(breach, "plain-text-pii", "search.customers").count("email")).isEqualTo(emails);
        assertThat(one(breach, "plain-text-pii", "search.accounts").count("iban")).isEqualTo(sql("SELECT count(*) FROM accounts"));
    }

    @Test
    @Order(2)
    void retentionAsksTheIndexForTheOldestDocumentAndTheCountPastTheCutOff() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant cutoff = now.minus(Duration.ofDays(30));
        long customers = sql("SELECT count(*) FROM customers");
        long past = sql("SELECT count(*) FROM customers WHERE created_at < timestamptz '" + cutoff.atOffset(ZoneOffset.UTC) + "'");
        Instant oldest = sqlInstant("SELECT min(created_at) FROM customers");

        List<Evidence> ev = gather(new RetentionProbe(stores), Clock.fixed(now, ZoneOffset.UTC));

        Evidence search = ev.stream().filter(e -> e.subject().equals("search.customers") && e.counts().containsKey("records")).findFirst()
                .orElseThrow(() -> new AssertionError("no age evidence on search.customers: " + ev));
        assertThat(search.count("records")).isEqualTo(customers);
        assertThat(search.count("past-retention")).isEqualTo(past);
        assertThat(search.code()).isEqualTo(past > 0 ? "past-retention" : "within-retention");
        assertThat(search.details()).contains("ages by created_at, asked of the index (min and range on the field)")
                .anyMatch(d -> d.startsWith("oldest record: "));
        SearchAudits.Ages ages = stores.searchIndex(pipeline.systemOf(SEARCH_CUSTOMERS)).orElseThrow()
                .ages(pipeline.requireDataset(SEARCH_CUSTOMERS), "created_at", cutoff);
        assertThat(ages.oldest()).isEqualTo(oldest.truncatedTo(ChronoUnit.MILLIS));
        assertThat(ages.unknown()).isZero();
    }

    @Test
    @Order(3)
    void anErasureTraceFindsTheCustomerByKeyAndTheirAccountsByTheSubjectFieldUntilTheyAreDeleted() throws Exception {
        long id = sql("SELECT min(customer_id) FROM accounts");
        long accounts = sql("SELECT count(*) FROM accounts WHERE customer_id = " + id);
        ErasureSubject subject = ErasureSubject.parse(pipeline, "customers:" + id);
        ErasureTracer tracer = new ErasureTracer(stores, Clock.systemUTC());

        ErasureTrace before = tracer.trace(subject);
        assertThat(records(before, "search.customers")).isEqualTo(1);
        assertThat(records(before, "search.accounts")).isEqualTo(accounts).isPositive();

        try (Connection c = rt.recordDataSource().orElseThrow().getConnection(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM transfers WHERE from_account IN (SELECT id FROM accounts WHERE customer_id = " + id
                    + ") OR to_account IN (SELECT id FROM accounts WHERE customer_id = " + id + ")");
            st.execute("DELETE FROM accounts WHERE customer_id = " + id);
            st.execute("DELETE FROM documents WHERE customer_id = " + id);
            st.execute("DELETE FROM customers WHERE id = " + id);
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try (DatasetReader search = rt.reader(SEARCH_CUSTOMERS)) {
                if (search.lookup(Row.of("id", id)).isEmpty()) {
                    break;
                }
            }
            assertThat(System.currentTimeMillis()).as("the deletion reached search.customers within 60 s").isLessThan(deadline);
            Thread.sleep(100);
        }
        awaitCaughtUp();

        ErasureTrace after = tracer.trace(subject);
        assertThat(after.deleted()).isTrue();
        assertThat(records(after, "search.customers")).isZero();
        assertThat(records(after, "search.accounts")).isZero();
    }
}
