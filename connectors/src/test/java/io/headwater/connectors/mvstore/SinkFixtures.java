package io.headwater.connectors.mvstore;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Expression;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.MappedField;
import io.headwater.engine.model.MappingFunction;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.ChangeOp;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.LogPosition;
import io.headwater.engine.spi.PartitionRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Datasets, flows and hand-built change events shared by the sink tests. */
public final class SinkFixtures {
    public static final PartitionRef PARTITION = new PartitionRef("demo.public.customers", 0);

    private SinkFixtures() {
    }

    /** A derived customers dataset with every logical type; its key {@code customer_id} is renamed from {@code id}. */
    public static Dataset customers(String physicalName) {
        return new Dataset(new DatasetRef("derived", "customers"), physicalName, List.of("customer_id"), List.of(
                new Field("customer_id", FieldType.INTEGER), new Field("name", FieldType.STRING),
                new Field("email", FieldType.STRING), new Field("balance", FieldType.DECIMAL),
                new Field("created_at", FieldType.TIMESTAMP), new Field("born", FieldType.DATE),
                new Field("token", FieldType.UUID), new Field("vip", FieldType.BOOLEAN),
                new Field("score", FieldType.FLOAT), new Field("avatar", FieldType.BYTES)), null);
    }

    /** customer_id ← id, email ← lower(email), the rest by name. */
    public static Flow customersFlow() {
        List<MappedField> m = new ArrayList<>();
        m.add(new MappedField("customer_id", col("id")));
        m.add(new MappedField("name", col("name")));
        m.add(new MappedField("email", new Expression.Call(MappingFunction.LOWER, List.of(col("email")))));
        for (String f : List.of("balance", "created_at", "born", "token", "vip", "score", "avatar")) {
            m.add(new MappedField(f, col(f)));
        }
        return new Flow("cache-customers", FlowKind.CONSUME, new DatasetRef("kafka", "customers"), new DatasetRef("derived", "customers"), m);
    }

    public static Expression col(String name) {
        return new Expression.Column(name);
    }

    /** A source customer row (as CDC delivers it: key {@code id}, a mixed-case email, an extra phone). */
    public static Row customer(long id, String name, String email) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("email", email);
        m.put("phone", "+31 6 " + id);
        m.put("balance", new BigDecimal("1234.50").add(BigDecimal.valueOf(id)));
        m.put("created_at", Instant.parse("2024-03-01T10:15:30.123456Z").plusSeconds(id % 100_000));
        m.put("born", LocalDate.of(1990, 1, 1).plusDays(id % 1000));
        m.put("token", new UUID(0x1234L, id));
        m.put("vip", id % 2 == 0);
        m.put("score", (id % 1000) + 0.25);
        m.put("avatar", new byte[] {1, 2, 3, (byte) id});
        return Row.of(m);
    }

    public static Row key(long id) {
        return Row.of("id", id);
    }

    public static ChangeEvent create(long offset, Row after) {
        return event(offset, ChangeOp.CREATE, Row.of("id", after.get("id")), null, after);
    }

    public static ChangeEvent update(long offset, Row before, Row after) {
        return event(offset, ChangeOp.UPDATE, Row.of("id", after.get("id")), before, after);
    }

    public static ChangeEvent delete(long offset, Row key, Row before) {
        return event(offset, ChangeOp.DELETE, key, before, null);
    }

    public static ChangeEvent event(long offset, ChangeOp op, Row key, Row before, Row after) {
        return new ChangeEvent(new LogPosition(PARTITION, offset), PARTITION + "@" + offset, op, key, before, after,
                Instant.parse("2024-03-01T12:00:00Z").plusSeconds(offset));
    }

    /** The checkpoint after applying everything up to and including {@code offset}. */
    public static Checkpoint through(long offset) {
        return new Checkpoint(Map.of(PARTITION, offset + 1));
    }

    /** A row with decimals compared by value (trailing zeros stripped), for stores that normalise scale. */
    public static Row normalised(Row row) {
        Map<String, Object> m = new LinkedHashMap<>();
        row.asMap().forEach((k, v) -> m.put(k, v instanceof BigDecimal d ? d.stripTrailingZeros() : v));
        return Row.of(m);
    }

    /** An identity-mapped dataset with a composite (string, integer) key. */
    public static Dataset composite(String physicalName) {
        return new Dataset(new DatasetRef("derived", "positions"), physicalName, List.of("region", "seq"), List.of(
                new Field("region", FieldType.STRING), new Field("seq", FieldType.INTEGER), new Field("note", FieldType.STRING)), null);
    }

    /** An identity-mapped dataset keyed by a UUID. */
    public static Dataset uuidKeyed(String physicalName) {
        return new Dataset(new DatasetRef("derived", "transfers"), physicalName, List.of("request_id"), List.of(
                new Field("request_id", FieldType.UUID), new Field("amount", FieldType.DECIMAL)), null);
    }

    public static Flow identity(Dataset to) {
        return new Flow("copy-" + to.ref().dataset(), FlowKind.CONSUME, new DatasetRef("kafka", to.ref().dataset()), to.ref(), List.of());
    }

    /** Creates for each row, keyed by the dataset's key fields, at offsets 0.. */
    public static List<ChangeEvent> creates(Dataset dataset, List<Row> rows) {
        List<ChangeEvent> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            out.add(event(i, ChangeOp.CREATE, rows.get(i).project(dataset.key()), null, rows.get(i)));
        }
        return out;
    }
}
