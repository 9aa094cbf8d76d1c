package io.headwater.tests.attach;

import static io.headwater.tests.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.tests.CliRun.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sample-configs/bank-attach.yaml}, as it is in the repository, pointed through its
 * environment variables at a bank pipeline played by test peers ({@link BankAttachPipeline}): the
 * record and reporting databases on the machine's PostgreSQL, the finance table on its MariaDB, the
 * customer cache in its Redis, an OpenSearch node and a Kafka broker of the test's own. Headwater
 * reaches every system, verifies every flow clean, audits the new kinds, names each damaged key and
 * field, and writes nothing anywhere.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BankAttachIT {
    static final Path SAMPLE = Path.of(System.getProperty("headwater.repo.root", "..")).toAbsolutePath().normalize()
            .resolve("sample-configs/bank-attach.yaml");

    @TempDir
    static Path dir;

    static BankAttachPipeline bank;
    static Map<String, String> env;
    static String config;
    /** The systems' contents once the test's pipeline has written them, before any command ran. */
    static Contents before;

    @BeforeAll
    static void start() throws Exception {
        BankAttachPipeline.assumeServers(dir);
        bank = new BankAttachPipeline();
        bank.start(dir);
        env = bank.environment(dir.resolve("data"));
        config = SAMPLE.toString();
        before = contents();
    }

    @AfterAll
    static void stop() throws Exception {
        if (bank != null) {
            bank.close();
        }
    }

    /** Everything a write by Headwater could change, in every system of the sample. */
    record Contents(List<String> record, List<String> reporting, List<String> finance, Map<String, Map<String, String>> cache,
                    List<String> search, List<String> kafka) {
    }

    static Contents contents() throws Exception {
        return new Contents(BankRecord.postgresContents(bank.recordDb), BankRecord.postgresContents(bank.reportingDb),
                BankRecord.mariaDbContents(bank.financeDb), BankSinks.cacheContents(bank.redis.sync(), bank.redisPrefix),
                bank.index.contents(), bank.kafkaContents());
    }

    @Test
    @Order(1)
    void statusReachesEverySystemOfTheSampleAndShowsSizes() {
        Result r = run(env, "status", "--config", config);

        assertThat(r.code()).as(r.all()).isZero();
        for (String system : List.of("pg +postgres +record", "kafka +kafka +log", "search +opensearch +derived", "cache +redis +derived",
                "reporting +postgres +derived", "finance +mysql +derived")) {
            assertThat(r.out()).as(r.all()).containsPattern("(?m)^" + system + " +up +127\\.0\\.0\\.1:\\d+ +\\(attached\\)");
        }
        Map<String, Integer> sizes = Map.of("pg.customers", BankAttachPipeline.CUSTOMERS - 1, "pg.accounts", BankAttachPipeline.ACCOUNTS,
                "pg.transfers", BankAttachPipeline.TRANSFERS, "search.customers", BankAttachPipeline.CUSTOMERS,
                "cache.customers", BankAttachPipeline.CUSTOMERS - 1, "reporting.transfers", BankAttachPipeline.TRANSFERS,
                "finance.accounts", BankAttachPipeline.ACCOUNTS);
        sizes.forEach((dataset, size) -> assertThat(r.out()).as(r.all()).containsPattern("(?m)^  " + dataset.replace(".", "\\.") + " +" + size + "\\b"));
        // The slot's lag is the server's WAL position minus the slot's: other databases on the machine's server move it too.
        assertThat(r.out()).containsPattern("(?m)^  capture-transfers +.*\\(connector bank-postgres\\): slot " + bank.slot
                + ": (caught up|[0-9.]+ [kMG]?B behind), inactive$");
        for (String group : BankAttachPipeline.GROUPS) {
            assertThat(r.out()).contains("consumer group " + group + ": caught up");
        }
    }

    @Test
    @Order(2)
    void verifiesEveryFlowCleanAuditsTheNewKindsAndWritesNothing() throws Exception {
        Result verify = run(env, "verify", "--config", config);
        Path report = dir.resolve("audit.json");
        Result audit = run(env, "audit", "run", "--config", config, "--checklist", "privacy", "--report", report.toString());

        assertThat(verify.code()).as(verify.all()).isZero();
        for (String flow : List.of("capture-customers", "capture-accounts", "capture-transfers", "index-customers", "cache-customers",
                "report-transfers", "book-accounts")) {
            assertThat(verify.out()).as(verify.all()).containsPattern("(?m)^" + flow + " .* CLEAN$");
        }
        assertThat(verify.out()).doesNotContain("CORRUPT")
                .contains("kept after deletion 1 (flow index-customers declares deletes: keep; not corruption)")
                .contains("kept deleted {id=" + BankAttachPipeline.DELETED_CUSTOMER + "}")
                .contains("expired by ttl 0");

        assertThat(audit.code()).as(audit.all()).isIn(0, 1);
        String json = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(json).contains("\"subject\":\"search.customers.email\",\"kind\":\"fact\",\"code\":\"pii-confirmed\"")
                .contains("\"subject\":\"cache.customers.email\",\"kind\":\"fact\",\"code\":\"pii-confirmed\"")
                .contains("all 20 recently updated records of pg.customers match in search.customers")
                .contains("all 20 recently updated records of pg.customers match in cache.customers")
                .contains("all 20 recently updated records of pg.transfers match in reporting.transfers")
                .contains("all 20 recently updated records of pg.accounts match in finance.accounts")
                .contains("deleted subject customers:" + BankAttachPipeline.DELETED_CUSTOMER + " is still held")
                .contains("declared pii:iban, found in 60 of 60 sampled values").doesNotContain("pii-checksum-invalid");

        assertThat(contents()).as("status, verify and audit wrote nothing into the record, the log or a store").isEqualTo(before);
        for (String db : List.of(bank.recordDb, bank.reportingDb)) {
            assertThat(BankRecord.postgresContents(db)).noneMatch(t -> t.contains("headwater"));
        }
        assertThat(BankRecord.mariaDbContents(bank.financeDb)).noneMatch(t -> t.contains("headwater"));
    }

    @Test
    @Order(3)
    void saysClearlyWhenTheConnectorsSlotIsAbsentAndStillVerifiesTheStores() {
        Map<String, String> noSlot = new HashMap<>(env);
        noSlot.put("CDC_SLOT", "bank_attach_it_absent");

        Result status = run(noSlot, "status", "--config", config);
        Result verify = run(noSlot, "verify", "--config", config, "--flow", "index-customers");

        assertThat(status.code()).as(status.all()).isZero();
        // the slots listed are the server's, other tests' among them
        assertThat(status.out()).as(status.all()).containsPattern("(?m)^  capture-customers +unknown \\(connector bank-postgres\\): slot "
                + "'bank_attach_it_absent' not found on " + LocalPostgres.ADDRESS.replace(".", "\\.") + "/" + bank.recordDb
                + "; slots: \\[.*\\b" + bank.slot + "\\b.*]$");
        assertThat(verify.code()).as(verify.all()).isZero();
        assertThat(verify.out()).containsPattern("(?m)^index-customers .* CLEAN$");
    }

    @Test
    @Order(4)
    void namesEachDamagedKeyAndFieldInEveryDerivedStore() throws Exception {
        bank.index.damage(3, "email", "tampered@example.com");
        bank.redis.sync().hset(bank.redisPrefix + "4", "country", "XX");
        String transfer;
        try (Connection c = LocalPostgres.connect(bank.reportingDb); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT min(request_id::text) FROM transfers")) {
            rs.next();
            transfer = rs.getString(1);
            assertThat(st.executeUpdate("UPDATE transfers SET amount = 999.99 WHERE request_id = '" + transfer + "'")).isEqualTo(1);
        }
        LocalMariaDb.execute(bank.financeDb, "UPDATE accounts SET balance = 0.01 WHERE id = 8");

        Result r = run(env, "verify", "--config", config);

        assertThat(r.code()).as(r.all()).isEqualTo(1);
        assertThat(r.out()).as(r.all())
                .containsPattern("(?m)^index-customers .* CORRUPT$").contains("mismatched {id=3}  fields [email]: source 'customer3@example.com', derived 'tampered@example.com'")
                .containsPattern("(?m)^cache-customers .* CORRUPT$").contains("mismatched {id=4}  fields [country]: source 'DE', derived 'XX'")
                .containsPattern("(?m)^report-transfers .* CORRUPT$").contains("mismatched {request_id=" + transfer + "}  fields [amount]")
                .contains("derived '999.99'")
                .containsPattern("(?m)^book-accounts .* CORRUPT$").contains("mismatched {id=8}  fields [balance]").contains("derived '0.01'")
                .containsPattern("(?m)^capture-customers .* CLEAN$");
        assertThat(r.out().split("mismatched \\{", -1)).as("one damaged record per store, no more").hasSize(5);
    }
}
