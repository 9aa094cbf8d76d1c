package io.headwater.engine.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.integrity.Fixtures.KeyKind;
import io.headwater.engine.model.Row;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A source and a derived copy of it with known differences: keys dropped (missing), keys added
 * (extra) and records with one field changed (mismatched).
 */
final class Scenario {
    private static final List<String> CHANGEABLE = List.of("name", "amount", "active");

    final KeyKind kind;
    final List<Row> source = new ArrayList<>();
    final List<Row> derived = new ArrayList<>();
    final Map<Row, String> missing;
    final Map<Row, String> extra;
    final Map<Row, String> mismatched;

    private Scenario(KeyKind kind) {
        this.kind = kind;
        this.missing = new TreeMap<>(kind.order());
        this.extra = new TreeMap<>(kind.order());
        this.mismatched = new TreeMap<>(kind.order());
    }

    /** {@code n} source records; {@code differences} of them differ, a third of each type. */
    static Scenario of(KeyKind kind, int n, int differences, long seed) {
        Random r = new Random(seed);
        Scenario s = new Scenario(kind);
        int extras = differences / 3;
        List<Row> rows = Fixtures.randomRows(kind, n + extras, r);
        List<Row> extraRows = rows.subList(n, n + extras);
        List<Row> sourceRows = rows.subList(0, n);
        s.source.addAll(sourceRows);
        int missing = differences / 3;
        int mismatched = differences - extras - missing;
        for (int i = 0; i < n; i++) {
            Row row = sourceRows.get(i);
            Row key = Fixtures.keyOf(kind).apply(row);
            if (i < missing) {
                s.missing.put(key, "");
            } else if (i < missing + mismatched) {
                String field = CHANGEABLE.get(r.nextInt(CHANGEABLE.size()));
                s.mismatched.put(key, field);
                s.derived.add(Fixtures.with(row, field, changed(field, row.get(field))));
            } else {
                s.derived.add(row);
            }
        }
        for (Row row : extraRows) {
            s.extra.put(Fixtures.keyOf(kind).apply(row), "");
            s.derived.add(row);
        }
        // Sorted input makes building the sides linear; RowsVerifySideTest covers unsorted input.
        s.source.sort(kind.order());
        s.derived.sort(kind.order());
        return s;
    }

    private static Object changed(String field, Object value) {
        return switch (field) {
            case "name" -> value + "!";
            case "amount" -> ((BigDecimal) value).add(BigDecimal.ONE);
            default -> !(Boolean) value;
        };
    }

    RowsVerifySide sourceSide(boolean pushesDown) {
        return Fixtures.side("source", kind, source, pushesDown);
    }

    RowsVerifySide derivedSide(boolean pushesDown) {
        return Fixtures.side("derived", kind, derived, pushesDown);
    }

    int differences() {
        return missing.size() + extra.size() + mismatched.size();
    }

    /** Asserts that the findings (all of them) are exactly the known differences. */
    void assertFoundExactly(List<Finding> all, VerificationResult result) {
        assertThat(result.counts()).isEqualTo(new FindingCounts(missing.size(), extra.size(), mismatched.size(), 0));
        // List equality is linear; AssertJ's containsExactly is quadratic, too slow for thousands of keys.
        assertThat(keys(all, FindingType.MISSING)).isEqualTo(new ArrayList<>(missing.keySet()));
        assertThat(keys(all, FindingType.EXTRA)).isEqualTo(new ArrayList<>(extra.keySet()));
        List<String> fields = all.stream().filter(f -> f.type() == FindingType.MISMATCHED)
                .sorted(Comparator.comparing(Finding::key, kind.order()))
                .map(f -> f.key() + "=" + String.join(",", f.differingFields())).toList();
        assertThat(fields).isEqualTo(mismatched.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        assertThat(all).hasSize(differences());
        assertThat(result.sourceCount()).isEqualTo(source.size());
        assertThat(result.targetCount()).isEqualTo(derived.size());
        assertThat(result.clean()).isEqualTo(differences() == 0);
    }

    /** The keys of one type of finding, sorted by key. */
    List<Row> keys(List<Finding> all, FindingType type) {
        return all.stream().filter(f -> f.type() == type).map(Finding::key).sorted(kind.order()).toList();
    }
}
