package io.headwater.app.runtime;

import io.headwater.engine.integrity.InFlightResolver;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Expression;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.MappedField;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.SystemAdapter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A copy flow's in-flight window ({@code in-flight: 5m}): a difference on a key whose source row was
 * changed, by the source dataset's declared {@code timestamp} field, within the window before now
 * counts as in flight, as data-diff's {@code --min-age} does. A key the source no longer holds (an
 * extra row in the copy) has no timestamp, so it is re-checked after the grace period instead. The
 * target key is mapped back to the source's key through the flow's plain column mappings.
 */
final class InFlightWindow implements InFlightResolver.RecentChanges {
    private final SystemAdapter sourceSystem;
    private final Dataset source;
    private final Flow flow;
    private final Duration window;
    private final Instant now = Instant.now();

    InFlightWindow(SystemAdapter sourceSystem, Dataset source, Flow flow, Duration window) {
        this.sourceSystem = sourceSystem;
        this.source = source;
        this.flow = flow;
        this.window = window;
    }

    @Override
    public String inFlightWhy(Row targetKey) {
        Optional<String> stampField = source.timestamp();
        if (stampField.isEmpty()) {
            return null;
        }
        Optional<Row> row;
        try (DatasetReader reader = sourceSystem.reader(source).orElseThrow()) {
            row = reader.lookup(sourceKey(targetKey));
        }
        if (row.isEmpty() || !(row.get().get(stampField.get()) instanceof TemporalAccessor t)) {
            return null;
        }
        Instant changed = Instant.from(t);
        return changed.isAfter(now.minus(window))
                ? "changed in " + source.ref() + " at " + changed + ", within the in-flight window of " + window.toSeconds() + " s" : null;
    }

    private Row sourceKey(Row targetKey) {
        Map<String, Object> key = new LinkedHashMap<>();
        for (String k : source.key()) {
            key.put(k, targetKey.get(targetName(k)));
        }
        return Row.of(key);
    }

    private String targetName(String sourceField) {
        for (MappedField m : flow.mapping()) {
            if (m.expression() instanceof Expression.Column c && c.field().equals(sourceField)) {
                return m.target();
            }
        }
        return sourceField;
    }
}
