package io.headwater.engine.faults;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.integrity.KeyOrder;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.StoreEdit;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Injects faults into a derived store through {@link DerivedSink#tamper}: the data changes, the
 * checkpoint does not, exactly as if the store had been damaged. Records are chosen with a seed, so
 * the same seed on the same store changes the same records. Not thread-safe.
 */
public final class FaultInjection {
    private final DerivedSink sink;
    private final Dataset dataset;

    public FaultInjection(DerivedSink sink) {
        this.sink = sink;
        this.dataset = sink.dataset();
    }

    /** Injects {@code count} faults of one kind and says exactly what changed. */
    public List<InjectedFault> inject(Fault fault, int count, long seed) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive, was " + count);
        }
        if (fault.consumerSide()) {
            throw new IllegalArgumentException(fault.configName() + " is done by the flow's consumer (FlowConsumer), not written into the store");
        }
        Random random = new Random(seed);
        List<Row> chosen = fault == Fault.ORPHAN ? List.of() : choose(count, random);
        if (fault != Fault.ORPHAN && chosen.isEmpty()) {
            throw new HeadwaterException(dataset.ref() + " is empty: there is no record to " + fault.configName());
        }
        return switch (fault) {
            case CORRUPT -> corrupt(chosen, random);
            case DELETE -> delete(chosen);
            case ORPHAN -> orphans(count, random);
            case TRUNCATE_BLOB -> chosen.stream().map(r -> new InjectedFault(fault, dataset.ref(), key(r), sink.damageContent(key(r)))).toList();
            case DUPLICATE_DELIVERY, DROP_EVENT -> throw new IllegalStateException("unreachable: " + fault);
        };
    }

    /** Reservoir-samples {@code count} records in one scan. */
    private List<Row> choose(int count, Random random) {
        List<Row> reservoir = new ArrayList<>(count);
        long[] seen = {0};
        try (DatasetReader reader = sink.reader()) {
            reader.scan(row -> {
                seen[0]++;
                if (reservoir.size() < count) {
                    reservoir.add(row);
                } else {
                    long j = (long) (random.nextDouble() * seen[0]);
                    if (j < count) {
                        reservoir.set((int) j, row);
                    }
                }
            });
        }
        reservoir.sort(new KeyOrder(dataset.keyFields()));
        return reservoir;
    }

    private Row key(Row row) {
        return row.project(dataset.key());
    }

    private List<InjectedFault> corrupt(List<Row> rows, Random random) {
        List<Field> candidates = dataset.fields().stream().filter(f -> !dataset.key().contains(f.name())).toList();
        if (candidates.isEmpty()) {
            throw new HeadwaterException(dataset.ref() + " has only key fields: nothing to corrupt");
        }
        List<StoreEdit> edits = new ArrayList<>();
        List<InjectedFault> out = new ArrayList<>();
        for (Row row : rows) {
            Field f = candidates.get(random.nextInt(candidates.size()));
            Object before = row.get(f.name());
            Object after = corrupted(f.type(), before, random);
            Map<String, Object> values = new LinkedHashMap<>(row.asMap());
            values.put(f.name(), after);
            edits.add(new StoreEdit(key(row), Row.of(values)));
            out.add(new InjectedFault(Fault.CORRUPT, dataset.ref(), key(row), f.name() + ": " + show(before) + " -> " + show(after)));
        }
        sink.tamper(edits);
        return out;
    }

    private List<InjectedFault> delete(List<Row> rows) {
        sink.tamper(rows.stream().map(r -> new StoreEdit(key(r), null)).toList());
        return rows.stream().map(r -> new InjectedFault(Fault.DELETE, dataset.ref(), key(r), "removed")).toList();
    }

    private List<InjectedFault> orphans(int count, Random random) {
        List<Row> templates = choose(1, random);
        Row template = templates.isEmpty() ? null : templates.get(0);
        List<StoreEdit> edits = new ArrayList<>();
        List<InjectedFault> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (Field f : dataset.fields()) {
                boolean isKey = dataset.key().contains(f.name());
                values.put(f.name(), isKey ? orphanKey(f.type(), i, random) : template != null ? template.get(f.name()) : sample(f.type(), random));
            }
            Row row = Row.of(values);
            edits.add(new StoreEdit(key(row), row));
            out.add(new InjectedFault(Fault.ORPHAN, dataset.ref(), key(row), "added a record the system of record does not hold"));
        }
        sink.tamper(edits);
        return out;
    }

    private static Object orphanKey(FieldType type, int i, Random random) {
        return switch (type) {
            case INTEGER -> 900_000_000L + random.nextInt(1_000_000) * 100L + i;
            case STRING -> "orphan-" + Long.toHexString(random.nextLong());
            case UUID -> new UUID(random.nextLong(), random.nextLong());
            case DATE -> LocalDate.of(2999, 1, 1).plusDays(i + random.nextInt(1000));
            default -> throw new HeadwaterException("cannot make an orphan key of type " + type.configName());
        };
    }

    private static Object sample(FieldType type, Random random) {
        return corrupted(type, null, random);
    }

    /** A value of the same type that differs from {@code before}. */
    static Object corrupted(FieldType type, Object before, Random random) {
        return switch (type) {
            case INTEGER -> before == null ? 1L : ((Number) before).longValue() + 1 + random.nextInt(9);
            case DECIMAL -> before == null ? BigDecimal.ONE : new BigDecimal(before.toString()).add(new BigDecimal("0.01"));
            case FLOAT -> before == null ? 1.0 : ((Number) before).doubleValue() + 1.5;
            case STRING -> before == null ? "corrupted" : before + "~";
            case BOOLEAN -> before == null || !((Boolean) before);
            case TIMESTAMP -> before == null ? Instant.EPOCH : ((Instant) before).plusSeconds(1 + random.nextInt(3600));
            case DATE -> before == null ? LocalDate.EPOCH : ((LocalDate) before).plusDays(1);
            case UUID -> new UUID(random.nextLong(), random.nextLong());
            case BYTES -> {
                byte[] b = before == null || ((byte[]) before).length == 0 ? new byte[] {1} : ((byte[]) before).clone();
                b[random.nextInt(b.length)] ^= (byte) (1 + random.nextInt(255));
                yield b;
            }
        };
    }

    private static String show(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof byte[] b) {
            return b.length + " bytes";
        }
        return "'" + v + "'";
    }
}
