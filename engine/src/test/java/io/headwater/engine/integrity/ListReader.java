package io.headwater.engine.integrity;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.DatasetReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A reader over a list, in the list's order; counts scans and rows delivered. */
final class ListReader implements DatasetReader {
    private final Dataset dataset;
    private final List<Row> rows;
    int scans;
    long delivered;
    boolean closed;

    ListReader(List<Field> keyFields, List<Field> fields, List<Row> rows) {
        List<Field> all = new ArrayList<>(fields);
        this.dataset = new Dataset(new DatasetRef("lucene", "customers"), "customers",
                keyFields.stream().map(Field::name).toList(), all, null);
        this.rows = rows;
    }

    @Override
    public Dataset dataset() {
        return dataset;
    }

    @Override
    public long count() {
        return rows.size();
    }

    @Override
    public void scan(Consumer<Row> sink) {
        scans++;
        for (Row r : rows) {
            delivered++;
            sink.accept(r);
        }
    }

    @Override
    public Optional<Row> lookup(Row key) {
        return rows.stream().filter(r -> key.asMap().entrySet().stream().allMatch(e -> e.getValue().equals(r.get(e.getKey()))))
                .findFirst();
    }

    @Override
    public void close() {
        closed = true;
    }
}
