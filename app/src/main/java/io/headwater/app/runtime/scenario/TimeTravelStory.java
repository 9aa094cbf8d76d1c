package io.headwater.app.runtime.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headwater.app.runtime.ChangeLogSource;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Row;
import io.headwater.engine.replay.AsOf;
import io.headwater.engine.replay.HistoryEntry;
import io.headwater.engine.replay.Materialized;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.LogReader;
import io.headwater.engine.spi.LogRecord;
import io.headwater.engine.spi.PartitionRef;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.engine.workbench.ScenarioVerdict;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The log remembers: a customer's e-mail is changed three times, and the search index as of each
 * moment (materialised from the log, read-only) shows the e-mail of that moment; the event-sourced
 * ledger's balances as of two weeks ago equal the sums of the postings up to then, computed
 * independently from the raw events.
 */
final class TimeTravelStory implements Scenario {
    static final DatasetRef CUSTOMERS = new DatasetRef("pg", "customers");
    static final DatasetRef INDEX = new DatasetRef("search", "customers");
    static final DatasetRef LEDGER = new DatasetRef("ledger", "postings");
    static final DatasetRef BALANCES = new DatasetRef("analytics", "ledger_balances");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "time-travel";
    }

    @Override
    public String claim() {
        return "a derived dataset can be materialised as of any past moment from the log alone, and it equals what was true then";
    }

    @Override
    public ScenarioVerdict run(ScenarioContext c) {
        Pipeline pipeline = c.runtime().pipeline();
        long customer = someCustomer(c);
        List<String> emails = new ArrayList<>();
        List<Instant> moments = new ArrayList<>();
        c.step("Change the e-mail of customer " + customer + " three times, a second apart");
        for (int i = 1; i <= 3; i++) {
            String email = "Time.Traveller+" + i + "." + System.currentTimeMillis() % 100_000 + "@Example.org";
            setEmail(c, customer, email);
            emails.add(email);
            pause(c, 1100);
            moments.add(Instant.now());
            c.say("at " + moments.get(i - 1) + ": email = " + email);
        }

        c.step("Read the customer's history from the log (every change, with its time and before/after)");
        ChangeLogSource record = ChangeLogSource.of(pipeline, pipeline.requireDataset(CUSTOMERS)).orElseThrow();
        List<HistoryEntry> history = awaitHistory(c, record, customer, emails.get(2));
        c.say(history.size() + " change(s) of customer " + customer + " in topic " + record.topic() + "; the last three:");
        history.subList(Math.max(0, history.size() - 3), history.size()).forEach(e -> c.say("  " + e.committedAt() + "  " + e.op() + "  email: "
                + (e.before() == null ? "-" : e.before().get("email")) + " -> " + (e.after() == null ? "-" : e.after().get("email"))));

        c.step("Materialise the search index as of each of the three moments (read-only; the live index is untouched)");
        ChangeLogSource index = ChangeLogSource.of(pipeline, pipeline.requireDataset(INDEX)).orElseThrow();
        boolean indexHeld = true;
        for (int i = 0; i < 3; i++) {
            Materialized m = index.materialize(c.runtime().eventLog(), c.runtime().decoder(), AsOf.instant(moments.get(i)), c.cancellation(),
                    ProgressListener.NONE);
            Object seen = m.rows().stream().filter(r -> Objects.equals(r.get("id"), customer)).findFirst().map(r -> r.get("email")).orElse(null);
            boolean ok = emails.get(i).toLowerCase(java.util.Locale.ROOT).equals(seen);
            indexHeld &= ok;
            c.say(String.format("as of %s: %,d documents; customer %d email = %s %s", moments.get(i), m.rows().size(), customer, seen,
                    ok ? "(right)" : "(WRONG: expected " + emails.get(i).toLowerCase(java.util.Locale.ROOT) + ")"));
        }

        boolean ledgerHeld = true;
        String ledgerNote = "";
        if (pipeline.dataset(LEDGER).isPresent() && pipeline.dataset(BALANCES).isPresent()) {
            Instant past = Instant.now().minus(Duration.ofDays(14));
            c.step("Event sourcing: the ledger's balances as of " + past + ", from the events alone");
            ChangeLogSource balances = ChangeLogSource.of(pipeline, pipeline.requireDataset(BALANCES)).orElseThrow();
            Materialized m = balances.materialize(c.runtime().eventLog(), c.runtime().decoder(), AsOf.instant(past), c.cancellation(),
                    ProgressListener.NONE);
            Map<Long, BigDecimal> expected = sumsFromRawEvents(c, pipeline.requireDataset(LEDGER), past, m.through());
            int agree = 0;
            for (Row r : m.rows()) {
                BigDecimal want = expected.get(((Number) r.get("account_id")).longValue());
                if (want != null && want.compareTo((BigDecimal) r.get("balance")) == 0) {
                    agree++;
                }
            }
            ledgerHeld = agree == expected.size() && m.rows().size() == expected.size();
            ledgerNote = String.format("; the ledger's %d balances as of two weeks ago equal the independent sums of the raw postings", agree);
            c.say(String.format("%d accounts had postings then; %d materialised balances equal the sums computed straight from the raw events",
                    expected.size(), agree));
        }
        if (!indexHeld) {
            return verdict(false, "the index as of some moment did not show the e-mail of that moment");
        }
        if (!ledgerHeld) {
            return verdict(false, "the ledger's balances as of two weeks ago differ from the sums of the raw postings");
        }
        return verdict(true, "the index as of each of the three moments showed the e-mail of that moment" + ledgerNote);
    }

    private static long someCustomer(ScenarioContext c) {
        try (Connection con = dataSource(c).getConnection(); PreparedStatement ps = con.prepareStatement("SELECT min(id) FROM customers");
             ResultSet rs = ps.executeQuery()) {
            if (rs.next() && rs.getObject(1) != null) {
                return rs.getLong(1);
            }
            throw new HeadwaterException("the demo has no customers to travel with");
        } catch (SQLException e) {
            throw new StoreException("cannot read the customers: " + e.getMessage(), e);
        }
    }

    private static void setEmail(ScenarioContext c, long customer, String email) {
        try (Connection con = dataSource(c).getConnection();
             PreparedStatement ps = con.prepareStatement("UPDATE customers SET email = ?, updated_at = now() WHERE id = ?")) {
            ps.setString(1, email);
            ps.setLong(2, customer);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot update customer " + customer + ": " + e.getMessage(), e);
        }
    }

    private static javax.sql.DataSource dataSource(ScenarioContext c) {
        return c.runtime().recordDataSource().orElseThrow(() -> new HeadwaterException("the time-travel scenario needs the embedded PostgreSQL"));
    }

    /** Waits (up to 30 s) until the last change has reached the log. */
    private static List<HistoryEntry> awaitHistory(ScenarioContext c, ChangeLogSource source, long customer, String lastEmail) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            List<HistoryEntry> h = source.history(c.runtime().eventLog(), c.runtime().decoder(), Row.of("id", customer), c.cancellation(),
                    ProgressListener.NONE);
            if (!h.isEmpty() && h.get(h.size() - 1).after() != null && lastEmail.equals(h.get(h.size() - 1).after().get("email"))) {
                return h;
            }
            if (System.nanoTime() > deadline) {
                throw new HeadwaterException("the change of customer " + customer + " did not reach the log within 30 s");
            }
            pause(c, 200);
        }
    }

    /** Balances per account from the raw JSON of the ledger topic, without Headwater's decoder or mapping. */
    private static Map<Long, BigDecimal> sumsFromRawEvents(ScenarioContext c, Dataset ledger, Instant upTo, Checkpoint through) {
        Map<Long, BigDecimal> sums = new TreeMap<>();
        Map<PartitionRef, Long> end = through.nextOffsets();
        long deadline = System.nanoTime() + 60_000_000_000L;
        try (LogReader reader = c.runtime().eventLog().openReader(ledger.physicalName(), Checkpoint.EMPTY)) {
            Map<PartitionRef, Long> next = new TreeMap<>();
            while (end.entrySet().stream().anyMatch(e -> next.getOrDefault(e.getKey(), 0L) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new HeadwaterException("the ledger topic was not read to " + end + " within 60 s");
                }
                for (LogRecord r : reader.poll(Duration.ofMillis(200))) {
                    next.merge(r.position().partition(), r.position().offset() + 1, Math::max);
                    if (r.value() == null || r.position().offset() >= end.getOrDefault(r.position().partition(), 0L)) {
                        continue;
                    }
                    JsonNode e = JSON.readTree(r.value());
                    if (!Instant.parse(e.get("at").asText()).isAfter(upTo)) {
                        sums.merge(e.get("account_id").asLong(), new BigDecimal(e.get("amount").asText()), BigDecimal::add);
                    }
                }
            }
        } catch (IOException e) {
            throw new StoreException("a ledger event is not JSON: " + e.getMessage(), e);
        }
        return sums;
    }

    private static void pause(ScenarioContext c, long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HeadwaterException("interrupted", e);
        }
        c.cancellation().check("scenario");
    }
}
