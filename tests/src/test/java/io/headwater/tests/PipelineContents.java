package io.headwater.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.app.runtime.LivePipeline;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Row;
import io.headwater.engine.pipeline.FlowConsumer;
import io.headwater.engine.spi.DatasetReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares every derived store of a running pipeline with the system of record, record by record:
 * the expected content is computed independently, by reading PostgreSQL and applying each flow's
 * mapping (or, for the daily totals, by aggregating in SQL).
 */
final class PipelineContents {
    private PipelineContents() {
    }

    static void assertDerivedStoresMatchRecord(LivePipeline rt, Pipeline pipeline) throws SQLException {
        try (Connection pg = rt.recordDataSource().orElseThrow().getConnection()) {
            for (FlowConsumer consumer : rt.consumers()) {
                Flow flow = consumer.flow();
                if (pipeline.systemOf(flow.from()).eventSourced()) {
                    continue; // no table behind an event-sourced record: LedgerIT checks its balances against the raw events
                }
                Map<String, Map<String, Object>> expected = flow.isAggregate()
                        ? dailyTotals(pg)
                        : expectedFromRecord(pg, pipeline, flow);
                Map<String, Map<String, Object>> actual = new TreeMap<>();
                Dataset target = consumer.sink().dataset();
                try (DatasetReader reader = rt.reader(target.ref())) {
                    reader.scan(row -> actual.put(keyText(row.project(target.key())), normalise(row, target)));
                }
                assertThat(actual.keySet()).as("keys of %s", target.ref()).containsExactlyInAnyOrderElementsOf(expected.keySet());
                assertThat(actual).as("content of %s", target.ref()).isEqualTo(expected);
            }
        }
    }

    private static Map<String, Map<String, Object>> expectedFromRecord(Connection pg, Pipeline pipeline, Flow flow) throws SQLException {
        Flow capture = pipeline.flowsInto(flow.from()).stream().filter(f -> f.kind() == FlowKind.CDC).findFirst().orElseThrow();
        Dataset source = pipeline.requireDataset(capture.from());
        Dataset target = pipeline.requireDataset(flow.to());
        Map<String, Map<String, Object>> out = new TreeMap<>();
        try (Statement st = pg.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + source.physicalName())) {
            while (rs.next()) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (Field f : source.fields()) {
                    values.put(f.name(), readPg(rs, f));
                }
                Row row = flow.apply(Row.of(values));
                out.put(keyText(flow.mapKey(Row.of(values), target.key())), normalise(row, target));
            }
        }
        return out;
    }

    private static Object readPg(ResultSet rs, Field f) throws SQLException {
        Object v = rs.getObject(f.name());
        if (v == null) {
            return null;
        }
        return switch (f.type()) {
            case INTEGER -> ((Number) v).longValue();
            case TIMESTAMP -> rs.getTimestamp(f.name()).toInstant();
            default -> v;
        };
    }

    private static Map<String, Map<String, Object>> dailyTotals(Connection pg) throws SQLException {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        try (Statement st = pg.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n, sum(amount) AS total FROM transfers GROUP BY 1")) {
            while (rs.next()) {
                LocalDate day = rs.getObject("day", LocalDate.class);
                Map<String, Object> m = new TreeMap<>();
                m.put("day", day.toString());
                m.put("transfer_count", rs.getLong("n"));
                m.put("total_amount", rs.getBigDecimal("total").stripTrailingZeros().toPlainString());
                out.put("{day=" + day + "}", m);
            }
        }
        return out;
    }

    private static String keyText(Row key) {
        Map<String, Object> m = new TreeMap<>();
        key.asMap().forEach((k, v) -> m.put(k, String.valueOf(v)));
        return m.toString();
    }

    /** Values in a comparable text form: decimals without trailing zeros, instants to the microsecond, bytes as hex. */
    static Map<String, Object> normalise(Row row, Dataset target) {
        Map<String, Object> m = new TreeMap<>();
        for (Field f : target.fields()) {
            Object v = row.get(f.name());
            Object n;
            if (v == null) {
                n = null;
            } else if (v instanceof BigDecimal d) {
                n = d.stripTrailingZeros().toPlainString();
            } else if (v instanceof Instant i) {
                n = i.truncatedTo(ChronoUnit.MICROS).toString();
            } else if (v instanceof byte[] b) {
                n = HexFormat.of().formatHex(b);
            } else if (v instanceof Integer i) {
                n = i.longValue();
            } else if (v instanceof LocalDate d) {
                n = d.toString();
            } else {
                n = v;
            }
            m.put(f.name(), n);
        }
        return m;
    }
}
