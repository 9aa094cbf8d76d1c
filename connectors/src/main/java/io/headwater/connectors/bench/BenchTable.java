package io.headwater.connectors.bench;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The benchmark's records: a deterministic function of their id, so a system-of-record table and
 * a derived copy can be generated apart and still agree, except where differences are seeded.
 */
public final class BenchTable {
    public static final List<Field> FIELDS = List.of(new Field("id", FieldType.INTEGER), new Field("name", FieldType.STRING),
            new Field("email", FieldType.STRING), new Field("amount", FieldType.DECIMAL), new Field("created", FieldType.TIMESTAMP));
    private static final Instant EPOCH = Instant.parse("2020-01-01T00:00:00Z");

    private BenchTable() {
    }

    public static Dataset dataset(String system, String physicalName) {
        return new Dataset(new DatasetRef(system, "items"), physicalName, List.of("id"), FIELDS, "created");
    }

    public static String name(long id) {
        return "Customer " + id;
    }

    public static String email(long id) {
        return "user" + id + "@example.org";
    }

    public static BigDecimal amount(long id) {
        return BigDecimal.valueOf(id * 37 % 1_000_000, 2);
    }

    public static Instant created(long id) {
        return EPOCH.plusSeconds(id).plusNanos(id % 1000 * 1000);
    }

    public static Row row(long id) {
        return Row.of("id", id, "name", name(id), "email", email(id), "amount", amount(id), "created", created(id));
    }

    /** The seeded differences of a derived copy: which ids are changed, left out, or added. */
    public record Differences(long rows, double rate) {
        /** Every {@code 1/rate}-th id is damaged, cycling through mismatch, missing, extra. */
        long stride() {
            return rate <= 0 ? Long.MAX_VALUE : Math.max(1, Math.round(1 / rate));
        }

        public boolean mismatched(long id) {
            return id % stride() == 0 && (id / stride()) % 3 == 0;
        }

        public boolean missing(long id) {
            return id % stride() == 0 && (id / stride()) % 3 == 1;
        }

        /** Whether the copy holds an extra record {@code rows + id} for this id. */
        public boolean extraAfter(long id) {
            return id % stride() == 0 && (id / stride()) % 3 == 2;
        }

        public long count(java.util.function.LongPredicate p) {
            long n = 0;
            for (long id = 1; id <= rows; id++) {
                if (p.test(id)) {
                    n++;
                }
            }
            return n;
        }
    }
}
