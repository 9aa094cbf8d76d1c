package io.headwater.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.app.cli.Attached;
import io.headwater.app.runtime.ControlChannel;
import io.headwater.app.runtime.LivePipeline;
import io.headwater.app.runtime.audit.AuditProbes;
import io.headwater.app.runtime.audit.PipelineStores;
import io.headwater.connectors.audit.AccessProbe;
import io.headwater.connectors.audit.BreachExposureProbe;
import io.headwater.connectors.audit.CorrectionProbe;
import io.headwater.connectors.audit.ErasureProbe;
import io.headwater.connectors.audit.ErasureTracer;
import io.headwater.connectors.audit.MinimisationProbe;
import io.headwater.connectors.audit.PiiDiscoveryProbe;
import io.headwater.connectors.audit.RetentionProbe;
import io.headwater.engine.audit.ErasureLocation;
import io.headwater.engine.audit.ErasureSubject;
import io.headwater.engine.audit.ErasureTrace;
import io.headwater.engine.audit.Evidence;
import io.headwater.engine.audit.EvidenceKind;
import io.headwater.engine.audit.Probe;
import io.headwater.engine.audit.ProbeContext;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audits of the real embedded demo pipeline (one pipeline shared by every test, no load): each
 * probe finds the planted facts of demo.yaml with exact counts, the erasure trace before and after
 * a customer's deletion, and a full {@code audit run} through the CLI writing sealed reports that
 * {@code verify-report} checks and, after one changed byte, names the changed item.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditIT {
    @TempDir
    static Path dataDir;
    @TempDir
    static Path out;
    static LivePipeline rt;
    static PipelineStores stores;

    @BeforeAll
    static void start() throws Exception {
        rt = LivePipeline.start(DemoPipelineSupport.demo(dataDir), LivePipeline.Options.demo(5), ProgressListener.NONE);
        LivePipelineIT.awaitCaughtUp(rt);
        stores = new PipelineStores(rt);
    }

    @AfterAll
    static void stop() {
        if (rt != null) {
            rt.close();
        }
    }

    private static List<Evidence> gather(Probe probe) {
        return probe.gather(ProbeContext.of(rt.pipeline()));
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

    private static void execute(String... statements) throws Exception {
        try (Connection c = rt.recordDataSource().orElseThrow().getConnection(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    /** Runs a command line against the shared pipeline, as if forwarded to it; returns exit code and output. */
    private static Cli cli(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        if (!args[1].equals("verify-report")) {
            all.addAll(List.of("--config", DemoPipelineSupport.demoConfig().toString(), "--data-dir", dataDir.toString()));
        }
        int code = Attached.run(rt, new ControlChannel.Request(all, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8)));
        return new Cli(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    record Cli(int code, String out, String err) {
    }

    @Test
    @Order(1)
    void piiDiscoveryFindsTheUndeclaredNotesColumnWithExactCounts() {
        List<Evidence> ev = gather(new PiiDiscoveryProbe(stores, 5_000));
        Evidence notes = one(ev, "undeclared-pii", "pg.customers.notes");
        // 200 seeded customers: phones for ids 7, 27, ..., 187; cards for 13, 63, 113, 163.
        assertThat(notes.count("phone")).isEqualTo(10);
        assertThat(notes.count("card")).isEqualTo(4);
        assertThat(notes.count("sampled")).isEqualTo(200);
        assertThat(notes.details()).anyMatch(d -> d.startsWith("card e.g. **** **** **** ")).noneMatch(d -> d.contains("4539"));
        assertThat(one(ev, "pii-confirmed", "pg.customers.email").count("email")).isEqualTo(200);
        assertThat(one(ev, "pii-confirmed", "cache.customers.phone").count("phone")).isEqualTo(200);
        assertThat(ev).noneMatch(e -> e.code().equals("undeclared-pii") && !e.subject().equals("pg.customers.notes"));
        assertThat(ev).noneMatch(e -> e.kind() == EvidenceKind.UNAVAILABLE);
    }

    @Test
    @Order(2)
    void retentionFindsTheBlobStorePastItsPolicyAndTheTopicKeptForever() throws Exception {
        List<Evidence> ev = gather(new RetentionProbe(stores));
        long oldDocuments = sql("SELECT count(*) FROM documents WHERE created_at < now() - interval '60 days'");
        assertThat(oldDocuments).isPositive();
        Evidence blobs = one(ev, "past-retention", "blobs.documents");
        assertThat(blobs.count("past-retention")).isEqualTo(oldDocuments);
        assertThat(blobs.count("records")).isEqualTo(sql("SELECT count(*) FROM documents"));
        Evidence topic = one(ev, "topic-retention-exceeds-policy", "kafka.customers");
        assertThat(topic.count("retention.ms")).isEqualTo(-1);
        assertThat(one(ev, "within-retention", "pg.customers").count("records")).isEqualTo(200);
        one(ev, "no-retention-declared", "pg.accounts");
        one(ev, "blob-file-ages", "blobs (files)");
    }

    @Test
    @Order(3)
    void accessListsGrantsFilesAndSaysThereIsNoAuthorizer() {
        List<Evidence> ev = gather(new AccessProbe(stores));
        assertThat(ev).anyMatch(e -> e.code().equals("no-authorizer") && e.summary().contains("no authorizer configured"));
        Evidence customers = ev.stream().filter(e -> e.subject().equals("pg.customers")).findFirst().orElseThrow();
        assertThat(customers.details()).anyMatch(d -> d.startsWith("grant ") && d.contains("SELECT"));
        assertThat(ev.stream().filter(e -> e.subject().equals("analytics")).findFirst().orElseThrow().count("users")).isPositive();
        assertThat(ev.stream().filter(e -> e.subject().equals("pg (files)")).findFirst().orElseThrow().count("files")).isPositive();
    }

    @Test
    @Order(4)
    void minimisationFollowsPiiThroughTheLineage() {
        List<Evidence> ev = gather(new MinimisationProbe());
        one(ev, "pii-unused-in-log", "kafka.accounts.iban");
        assertThat(ev.stream().filter(e -> e.code().equals("pii-copied")).map(Evidence::subject))
                .containsExactlyInAnyOrder("search.customers.name", "search.customers.email", "cache.customers.name", "cache.customers.email", "cache.customers.phone");
    }

    @Test
    @Order(5)
    void breachExposureListsPlainTextPiiPerStoreAndTopic() {
        List<Evidence> ev = gather(new BreachExposureProbe(stores, AuditProbes.SAMPLE_ROWS));
        Evidence topic = one(ev, "plain-text-card", "kafka.customers");
        assertThat(topic.count("card")).isEqualTo(4);
        // The demo's customer topic is within the sample size: read whole, so the count is exact and says so.
        assertThat(topic.count("sampled")).isEqualTo(topic.count("records")).isPositive();
        assertThat(topic.details()).contains("all " + topic.count("records") + " records read: the counts are exact")
                .anyMatch(d -> d.startsWith("lineage: personal fields in this topic: ") && d.contains("email"));
        // Topics no pii: field reaches are not read at all.
        for (String notRead : List.of("kafka.transfers", "kafka.documents", "ledger.postings")) {
            assertThat(one(ev, "no-pii-by-lineage", notRead).count("sampled")).isZero();
        }
        assertThat(one(ev, "plain-text-pii", "cache.customers").count("phone")).isEqualTo(200);
        assertThat(one(ev, "plain-text-pii", "search.customers").count("email")).isEqualTo(200);
        one(ev, "no-pii-exposed", "analytics.daily_totals");
        assertThat(ev).noneMatch(e -> e.subject().equals("kafka.transfers") && e.isFinding());
    }

    @Test
    @Order(5)
    void aTopicLargerThanTheSampleIsSampledAndTheEvidenceStatesTheConfidence() {
        Evidence accounts = one(gather(new BreachExposureProbe(stores, 100)), "plain-text-pii", "kafka.accounts");
        assertThat(accounts.count("records")).isGreaterThan(100);
        assertThat(accounts.count("sampled")).isEqualTo(100);
        assertThat(accounts.count("iban")).as("tombstones carry no IBAN").isBetween(1L, 100L);
        assertThat(accounts.summary()).endsWith("(100 of " + accounts.count("records") + " records sampled in 50 runs)");
        assertThat(accounts.details()).anyMatch(d -> d.startsWith("none of the 100 sampled records shows ")
                && d.contains("at 95 % confidence each is in fewer than 3/100 = 3.00 % of the topic's records"));
    }

    @Test
    @Order(6)
    void aCorrectionReachesEveryDerivedCopy() throws Exception {
        execute("UPDATE customers SET email = 'corrected.42@example.org', updated_at = now() WHERE id = 42");
        LivePipelineIT.awaitCaughtUp(rt);
        List<Evidence> ev = gather(new CorrectionProbe(stores, 20));
        assertThat(one(ev, "correction-propagated", "search.customers").count("keys")).isEqualTo(20);
        assertThat(one(ev, "correction-propagated", "cache.customers").count("differing")).isZero();
        try (DatasetReader cache = rt.reader(DatasetRef.parse("cache.customers"))) {
            assertThat(cache.lookup(Row.of("id", 42L)).orElseThrow().get("email")).isEqualTo("corrected.42@example.org");
        }
    }

    @Test
    @Order(7)
    void erasureTraceBeforeAndAfterDeletingACustomer() throws Exception {
        long id = sql("SELECT min(customer_id) FROM documents WHERE customer_id IN (SELECT id FROM customers)");
        long documents = sql("SELECT count(*) FROM documents WHERE customer_id = " + id);
        long accounts = sql("SELECT count(*) FROM accounts WHERE customer_id = " + id);
        ErasureSubject subject = ErasureSubject.parse(rt.pipeline(), "customers:" + id);
        ErasureTracer tracer = new ErasureTracer(stores, Clock.systemUTC());

        ErasureTrace before = tracer.trace(subject);
        assertThat(before.deleted()).isFalse();
        assertThat(records(before, "pg.customers")).isEqualTo(1);
        assertThat(records(before, "search.customers")).isEqualTo(1);
        assertThat(records(before, "cache.customers")).isEqualTo(1);
        assertThat(records(before, "pg.accounts")).isEqualTo(accounts);
        assertThat(records(before, "analytics.balances")).isEqualTo(accounts);
        assertThat(records(before, "pg.documents")).isEqualTo(documents);
        assertThat(records(before, "blobs.documents")).isEqualTo(documents);

        execute("DELETE FROM accounts WHERE customer_id = " + id, "DELETE FROM customers WHERE id = " + id);
        DemoPipelineSupport.await("the deletion to reach the cache", 60_000, () -> {
            try (DatasetReader cache = rt.reader(DatasetRef.parse("cache.customers"))) {
                return cache.lookup(Row.of("id", id)).isEmpty();
            }
        });
        LivePipelineIT.awaitCaughtUp(rt);

        ErasureTrace after = tracer.trace(subject);
        assertThat(after.deleted()).isTrue();
        assertThat(records(after, "pg.customers")).isZero();
        assertThat(records(after, "search.customers")).isZero();
        assertThat(records(after, "cache.customers")).isZero();
        assertThat(records(after, "pg.accounts")).isZero();
        assertThat(records(after, "analytics.balances")).isZero();
        // The planted gap: the customer's documents are not deleted with them.
        assertThat(records(after, "pg.documents")).isEqualTo(documents);
        assertThat(records(after, "blobs.documents")).isEqualTo(documents);
        // The CDC topic keeps the snapshot, the e-mail update of test 6 (for 42 only) and the delete's before-image forever.
        assertThat(records(after, "kafka.customers (topic demo.public.customers)")).isGreaterThanOrEqualTo(2);
        assertThat(after.locations()).anyMatch(l -> l.kind() == ErasureLocation.Kind.RESIDUE && l.place().startsWith("search.customers"));
        assertThat(after.stillHeld()).isTrue();

        List<Evidence> ev = gather(new ErasureProbe(stores, 3));
        assertThat(one(ev, "deletion-not-propagated", "blobs.documents").count("records")).isEqualTo(documents);
        assertThat(ev).anyMatch(e -> e.code().equals("log-keeps-deleted") && e.subject().startsWith("kafka.customers"));
        assertThat(ev).noneMatch(e -> e.code().equals("deletion-not-propagated") && e.subject().equals("cache.customers"));

        Cli check = cli("audit", "erase-check", "--subject", "customers:" + id);
        assertThat(check.code()).as(check.err()).isEqualTo(1);
        assertThat(check.out()).contains("NOT ERASED").contains("! blobs.documents").contains("deleted from the system of record");
        Cli unknown = cli("audit", "erase-check", "--subject", "nobody:1");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("'nobody' is not a system-of-record dataset").contains("customers:KEY");
    }

    private static long records(ErasureTrace t, String place) {
        return t.locations().stream().filter(l -> l.place().equals(place)).mapToLong(ErasureLocation::records).sum();
    }

    @Test
    @Order(8)
    void fullAuditRunWritesSealedReportsAndVerifyReportNamesAChangedItem() throws Exception {
        Path html = out.resolve("privacy.html");
        Path md = out.resolve("privacy.md");
        Path json = out.resolve("privacy.json");
        Cli run = cli("audit", "run", "--checklist", "privacy", "--reviewer", "Rita Reviewer", "--report", html.toString(), "--report", md.toString(),
                "--report", json.toString());
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("inventory        FAIL").contains("undeclared-pii").contains("pg.customers.notes")
                .contains("probe times per store").contains("full audit:").containsPattern("report .*privacy\\.html \\(html, [0-9,]+ bytes\\), seal root [0-9a-f]{64}");
        assertThat(Files.readString(html)).contains("<svg").contains("Rita Reviewer").doesNotContain("4539 1");
        for (Path p : List.of(html, md, json)) {
            Cli ok = cli("audit", "verify-report", p.toString());
            assertThat(ok.code()).as(ok.out()).isZero();
            assertThat(ok.out()).startsWith("INTACT");
        }
        byte[] bytes = Files.readAllBytes(html);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int at = text.indexOf("id=\"item-keep\"") + 40;
        bytes[at] ^= 0x01;
        Path tampered = out.resolve("tampered.html");
        Files.write(tampered, bytes);
        Cli bad = cli("audit", "verify-report", tampered.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.out()).contains("CHANGED").contains("section item:keep");

        Cli retention = cli("audit", "run", "--checklist", "retention");
        assertThat(retention.code()).isEqualTo(1);
        assertThat(retention.out()).contains("topics").contains("topic-retention-exceeds-policy").contains("past-retention");
        Cli list = cli("audit", "list");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("privacy").contains("retention").contains("Rita Reviewer");
    }

    @Test
    @Order(9)
    void aBrokenChecklistFileIsRejectedWithFileLineAndKey() throws Exception {
        Path bad = out.resolve("mine.yaml");
        Files.writeString(bad, "checklist: mine\ntitle: Mine\nitems:\n  - id: q\n    question: Cards?\n    probes: [breach]\n");
        Cli run = cli("audit", "run", "--checklist", bad.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("mine.yaml:6: items[0].probes[0] 'breach' is not a probe");
    }
}
