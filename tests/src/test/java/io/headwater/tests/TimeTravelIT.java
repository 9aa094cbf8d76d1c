package io.headwater.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headwater.app.cli.HistoryCommand;
import io.headwater.app.runtime.LivePipeline;
import io.headwater.connectors.debezium.DebeziumJsonDecoder;
import io.headwater.connectors.jdbc.JdbcValues;
import io.headwater.engine.ConnectionException;
import io.headwater.engine.integrity.CanonicalForm;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Row;
import io.headwater.engine.replay.AsOf;
import io.headwater.engine.replay.EntityHistory;
import io.headwater.engine.replay.HistoryEntry;
import io.headwater.engine.replay.Materialized;
import io.headwater.engine.replay.TimeTravel;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ChangeOp;
import io.headwater.engine.spi.EventLog;
import io.headwater.engine.spi.ProgressListener;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Time travel and entity history on the real demo pipeline: known changes to one customer made
 * through PostgreSQL, captured by Debezium into the embedded broker, then read back; every state
 * materialised from the log is compared with a SELECT taken at that moment.
 */
class TimeTravelIT {
    private static final DatasetRef LOG = DatasetRef.parse("kafka.customers");
    private static final Instant UPDATED_1 = Instant.parse("2030-01-01T00:00:01.123456Z");
    private static final Instant UPDATED_2 = Instant.parse("2030-01-02T00:00:02Z");
    private static final Instant CREATED_AGAIN = Instant.parse("2030-01-03T00:00:03.5Z");

    @TempDir
    Path dataDir;

    /** The topic's end offset at the last moment taken; -1 before the first. */
    private long lastEnd = -1;

    /** One moment of the test: the table as SELECTed, the topic's end offset and a time after the capture. */
    private record Moment(Map<Long, String> table, long offset, Instant at) {
    }

    @Test
    void historyAndTimeTravelMatchWhatPostgresHeldAtEachMoment() throws Exception {
        Pipeline pipeline = DemoPipelineSupport.demo(dataDir);
        Dataset log = pipeline.requireDataset(LOG);
        CanonicalForm form = new CanonicalForm(log.fields());
        Instant beforeStart = Instant.now();
        long customer;
        Map<Long, Row> rowsOfCustomer = new TreeMap<>();
        List<Moment> moments = new ArrayList<>();
        try (LivePipeline rt = LivePipeline.start(pipeline, LivePipeline.Options.demo(21), ProgressListener.NONE)) {
            LivePipelineIT.awaitCaughtUp(rt);
            DataSource ds = rt.recordDataSource().orElseThrow();
            EventLog kafka = rt.eventLog();
            customer = firstCustomerWithAccount(ds);
            moments.add(moment(ds, kafka, log, form, -1));
            rowsOfCustomer.put(0L, select(ds, log, customer));

            // 1: a new email; 2: phone and country; 3: delete (and its tombstone); 4: created again
            execute(ds, "UPDATE customers SET email = ?, updated_at = ? WHERE id = ?", "time.travel@example.org", UPDATED_1, customer);
            moments.add(moment(ds, kafka, log, form, 1));
            rowsOfCustomer.put(1L, select(ds, log, customer));
            execute(ds, "UPDATE customers SET phone = ?, country = ?, updated_at = ? WHERE id = ?", "+49 30 1234567", "IS", UPDATED_2, customer);
            moments.add(moment(ds, kafka, log, form, 1));
            rowsOfCustomer.put(2L, select(ds, log, customer));
            execute(ds, "DELETE FROM customers WHERE id = ?", customer);
            moments.add(moment(ds, kafka, log, form, 2));
            execute(ds, "INSERT INTO customers (id, name, email, phone, country, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    customer, "Back Again", "back@example.org", null, "NO", CREATED_AGAIN, CREATED_AGAIN);
            moments.add(moment(ds, kafka, log, form, 1));
            rowsOfCustomer.put(4L, select(ds, log, customer));

            assertHistory(new EntityHistory(kafka, new DebeziumJsonDecoder(), log).history(Row.of("id", customer), new Cancellation()),
                    rowsOfCustomer, moments);
            assertTimeTravel(new TimeTravel(kafka, new DebeziumJsonDecoder(), log), form, moments, beforeStart);
            assertThroughFlow(pipeline, new TimeTravel(kafka, new DebeziumJsonDecoder(), log), moments.get(1), ds);

            rt.logServer().orElseThrow().close();
            assertThatThrownBy(() -> new TimeTravel(kafka, new DebeziumJsonDecoder(), log, Duration.ofSeconds(2))
                    .materialize(AsOf.instant(Instant.now()), new Cancellation(), ProgressListener.NONE))
                    .isInstanceOf(ConnectionException.class).hasMessageContaining("'kafka'");
        }

        assertCommandLine(customer, moments);
    }

    private static void assertHistory(List<HistoryEntry> h, Map<Long, Row> rows, List<Moment> moments) {
        assertThat(h).extracting(HistoryEntry::op)
                .containsExactly(ChangeOp.SNAPSHOT, ChangeOp.UPDATE, ChangeOp.UPDATE, ChangeOp.DELETE, ChangeOp.CREATE);
        // each change is the first record after the previous moment (a delete is followed by its tombstone)
        assertThat(h.subList(1, 5)).extracting(e -> e.position().offset())
                .containsExactly(moments.get(0).offset(), moments.get(1).offset(), moments.get(2).offset(), moments.get(3).offset());
        assertThat(h.get(0).position().offset()).isLessThan(moments.get(0).offset());

        assertThat(h.get(0).before()).isNull();
        assertThat(h.get(0).after()).isEqualTo(rows.get(0L));
        assertThat(h.get(1).before()).isEqualTo(rows.get(0L));
        assertThat(h.get(1).after()).isEqualTo(rows.get(1L));
        assertThat(h.get(1).changedFields()).containsExactly("email", "updated_at");
        assertThat(h.get(2).before()).isEqualTo(rows.get(1L));
        assertThat(h.get(2).after()).isEqualTo(rows.get(2L));
        assertThat(h.get(2).changedFields()).containsExactly("phone", "country", "updated_at");
        assertThat(h.get(3).before()).isEqualTo(rows.get(2L));
        assertThat(h.get(3).after()).isNull();
        assertThat(h.get(4).before()).isNull();
        assertThat(h.get(4).after()).isEqualTo(rows.get(4L));
        assertThat(h.get(4).after().get("phone")).isNull();

        // committed after the previous moment was taken and before the next one
        for (int i = 1; i < 5; i++) {
            assertThat(h.get(i).committedAt()).as("commit time of change %d", i).isAfter(moments.get(i - 1).at()).isBefore(moments.get(i).at());
        }
        assertThat(h.get(0).committedAt()).isBefore(moments.get(0).at());
    }

    private static void assertTimeTravel(TimeTravel travel, CanonicalForm form, List<Moment> moments, Instant beforeStart) {
        assertThat(materialize(travel, AsOf.instant(beforeStart)).rows()).as("before the pipeline started").isEmpty();
        assertThat(materialize(travel, AsOf.offset(0)).rows()).isEmpty();
        for (int i = 0; i < moments.size(); i++) {
            Moment m = moments.get(i);
            Materialized byOffset = materialize(travel, AsOf.offset(m.offset()));
            assertThat(texts(byOffset, form)).as("as of offset %d (moment %d)", m.offset(), i).isEqualTo(m.table());
            assertThat(byOffset.through().nextOffsets().values()).containsExactly(m.offset());
            Materialized byInstant = materialize(travel, AsOf.instant(m.at()));
            assertThat(texts(byInstant, form)).as("as of %s (moment %d)", m.at(), i).isEqualTo(m.table());
            assertThat(byInstant.rows()).extracting(r -> (Long) r.get("id")).isSorted();
            assertThat(byInstant.headTrimmed()).isFalse();
        }
        // between the delete and the re-create the customer is absent; before it, present
        assertThat(moments.get(3).table()).hasSize(moments.get(2).table().size() - 1);
    }

    private static void assertThroughFlow(Pipeline pipeline, TimeTravel travel, Moment afterFirstUpdate, DataSource ds) throws SQLException {
        Flow index = pipeline.flow("index-customers").orElseThrow();
        Dataset search = pipeline.requireDataset(index.to());
        Materialized m = travel.materialize(AsOf.offset(afterFirstUpdate.offset()), index, search, new Cancellation(), ProgressListener.NONE);
        assertThat(m.dataset()).isEqualTo(search);
        assertThat(m.rows()).hasSize(afterFirstUpdate.table().size());
        assertThat(m.rows()).anySatisfy(r -> assertThat(r.get("email")).isEqualTo("time.travel@example.org"));
        assertThat(m.rows()).allSatisfy(r -> {
            assertThat(r.fields()).containsExactly("id", "name", "email", "country");
            Object email = r.get("email");
            assertThat(email == null || email.equals(((String) email).toLowerCase(Locale.ROOT))).isTrue();
        });
    }

    private void assertCommandLine(long customer, List<Moment> moments) {
        String config = DemoPipelineSupport.demoConfig().toString();
        // the pipeline is stopped: the command starts the broker alone on the data directory
        Run text = history("--config", config, "--data-dir", dataDir.toString(), "--dataset", "pg.customers", "--key", Long.toString(customer));
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("history of pg.customers id=" + customer).contains("from kafka.customers")
                .contains("snapshot").contains("update").contains("delete").contains("create")
                .containsPattern("update +" + moments.get(0).offset() + "  email: '[^']*' -> 'time.travel@example.org'")
                .contains("updated_at: ").contains(" -> " + UPDATED_1)
                .containsPattern("update +" + moments.get(1).offset() + "  phone: ")
                .contains("country: ").contains(" -> 'IS'")
                .containsPattern("delete +" + moments.get(2).offset() + "  \\(deleted\\)")
                .contains("name='Back Again'")
                .contains("5 change(s)");

        Run json = history("--config", config, "--data-dir", dataDir.toString(), "--dataset", "kafka.customers", "--key", "id=" + customer, "--json");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode root = readJson(json.out());
        assertThat(root.get("changes")).hasSize(5);
        JsonNode update = root.get("changes").get(1);
        assertThat(update.get("op").asText()).isEqualTo("update");
        assertThat(update.get("offset").asLong()).isEqualTo(moments.get(0).offset());
        assertThat(update.get("changes").get("email").get("after").asText()).isEqualTo("time.travel@example.org");
        assertThat(update.get("changedFields")).hasSize(2);
        assertThat(root.get("changes").get(3).get("after").isNull()).isTrue();

        Run derived = history("--config", config, "--data-dir", dataDir.toString(), "--dataset", "search.customers", "--key", "id=" + customer, "--json");
        assertThat(derived.code()).as(derived.err()).isZero();
        assertThat(readJson(derived.out()).get("flow").asText()).isEqualTo("index-customers");
        assertThat(readJson(derived.out()).get("changes")).hasSize(5);

        Run badKey = history("--config", config, "--data-dir", dataDir.toString(), "--dataset", "pg.customers", "--key", "name=x");
        assertThat(badKey.code()).isEqualTo(2);
        assertThat(badKey.err()).contains("no value for key field 'id'").contains("id (integer)");
        Run badDataset = history("--config", config, "--data-dir", dataDir.toString(), "--dataset", "pg.nope", "--key", "1");
        assertThat(badDataset.code()).isEqualTo(2);
        assertThat(badDataset.err()).contains("pg.nope").contains("kafka.customers").contains("pg.customers").contains("search.customers");
    }

    private record Run(int code, String out, String err) {
    }

    private static Run history(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new HistoryCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static JsonNode readJson(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static Materialized materialize(TimeTravel travel, AsOf asOf) {
        return travel.materialize(asOf, new Cancellation(), ProgressListener.NONE);
    }

    private static Map<Long, String> texts(Materialized m, CanonicalForm form) {
        Map<Long, String> out = new TreeMap<>();
        m.rows().forEach(r -> out.put((Long) r.get("id"), form.text(r)));
        return out;
    }

    /**
     * Waits until the topic holds {@code newRecords} more records than at the previous moment, then
     * SELECTs the whole table and takes the time, a little after the capture and before the next change.
     */
    private Moment moment(DataSource ds, EventLog kafka, Dataset log, CanonicalForm form, int newRecords) throws Exception {
        long expected = lastEnd < 0 ? end(kafka, log) : lastEnd + newRecords;
        DemoPipelineSupport.await("the change to be captured", 60_000, () -> end(kafka, log) >= expected);
        Thread.sleep(20);
        long offset = end(kafka, log);
        assertThat(offset).as("no other change reached the topic").isEqualTo(expected);
        Map<Long, String> table = new TreeMap<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + String.join(", ", log.fieldNames()) + " FROM customers")) {
            while (rs.next()) {
                Row r = row(rs, log);
                table.put((Long) r.get("id"), form.text(r));
            }
        }
        Instant at = Instant.now();
        Thread.sleep(20);
        lastEnd = offset;
        return new Moment(table, offset, at);
    }

    private static long end(EventLog kafka, Dataset log) {
        return kafka.endOffsets(log.physicalName()).values().stream().mapToLong(Long::longValue).sum();
    }

    private static Row select(DataSource ds, Dataset log, long id) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + String.join(", ", log.fieldNames()) + " FROM customers WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return row(rs, log);
            }
        }
    }

    private static Row row(ResultSet rs, Dataset log) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Field> fields = log.fields();
        for (int i = 0; i < fields.size(); i++) {
            Object v = JdbcValues.read(rs, i + 1, fields.get(i).type(), rs.getMetaData().getColumnType(i + 1));
            m.put(fields.get(i).name(), v instanceof Instant t ? t.truncatedTo(ChronoUnit.MICROS) : v);
        }
        return Row.of(m);
    }

    private static long firstCustomerWithAccount(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT min(customer_id) FROM accounts")) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    private static void execute(DataSource ds, String sql, Object... args) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                if (a instanceof Instant t) {
                    JdbcValues.bind(ps, i + 1, io.headwater.engine.model.FieldType.TIMESTAMP, t);
                } else if (a == null) {
                    ps.setNull(i + 1, java.sql.Types.VARCHAR);
                } else {
                    ps.setObject(i + 1, a);
                }
            }
            assertThat(ps.executeUpdate()).as(sql).isEqualTo(1);
        }
    }
}
