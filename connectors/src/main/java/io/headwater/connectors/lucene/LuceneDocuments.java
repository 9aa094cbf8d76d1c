package io.headwater.connectors.lucene;

import io.headwater.connectors.mvstore.KeyCodec;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.util.BytesRef;

/**
 * How a row is laid out as a Lucene document, and read back.
 *
 * <ul>
 *   <li>{@value #KEY}: the key's {@link KeyCodec#text canonical text}, indexed as one term and
 *       stored; updates and deletes address a document by it.</li>
 *   <li>{@value #ORDER}: the key's {@link KeyCodec#sortable sortable bytes}, indexed as one term
 *       (not stored); walking this field's term dictionary gives the documents in key order. In a
 *       key-sorted index (see {@link #KEY_SORT}) the same bytes are also the field's sorted doc
 *       value, which is what the index is sorted by.</li>
 *   <li>every dataset field, stored, typed by the dataset's schema: INTEGER as a stored long,
 *       FLOAT as a stored double, BYTES as stored binary, STRING as a {@link TextField} (stored and
 *       analysed for search), DECIMAL / TIMESTAMP / DATE / UUID / BOOLEAN as their exact text
 *       ({@code BigDecimal.toString}, ISO-8601 instant with full precision, ISO date, lower-case
 *       UUID, {@code true}/{@code false}). A null value is an absent field.</li>
 * </ul>
 * Stateless and thread-safe.
 */
final class LuceneDocuments {
    static final String KEY = "_key";
    static final String ORDER = "_order";

    /**
     * The index sort of a key-sorted index: by the {@value #ORDER} doc value, whose unsigned byte
     * order is the key order, so within a segment docID order is key order. Indexes written before
     * this sort existed have none; {@link LuceneSink} keeps writing them unsorted and
     * {@link KeyOrderScan} reads their segments by the term dictionary instead.
     */
    static final Sort KEY_SORT = new Sort(new SortField(ORDER, SortField.Type.STRING));

    private LuceneDocuments() {
    }

    static Term keyTerm(Row key) {
        return new Term(KEY, KeyCodec.text(key));
    }

    /**
     * The document for one row. {@code keySorted}: whether the writer sorts by {@link #KEY_SORT};
     * only then does {@value #ORDER} get its doc value, because an index written before the sort
     * has {@value #ORDER} without doc values and Lucene refuses to change a field's doc-values type.
     */
    static Document toDocument(Row key, Row row, Dataset dataset, boolean keySorted) {
        return toDocument(key, KeyCodec.text(key), row, dataset, keySorted);
    }

    /** As above, with the key's text form ({@link KeyCodec#text}) already at hand. */
    static Document toDocument(Row key, String keyText, Row row, Dataset dataset, boolean keySorted) {
        Document doc = new Document();
        BytesRef order = new BytesRef(KeyCodec.sortable(key));
        doc.add(new StringField(KEY, keyText, Store.YES));
        doc.add(new StringField(ORDER, order, Store.NO));
        if (keySorted) {
            doc.add(new SortedDocValuesField(ORDER, order));
        }
        for (Field f : dataset.fields()) {
            Object v = row.get(f.name());
            if (v != null) {
                doc.add(toField(f, v));
            }
        }
        return doc;
    }

    private static IndexableField toField(Field f, Object v) {
        return switch (f.type()) {
            case INTEGER -> new StoredField(f.name(), (Long) v);
            case FLOAT -> new StoredField(f.name(), (Double) v);
            case BYTES -> new StoredField(f.name(), new BytesRef((byte[]) v));
            case STRING -> new TextField(f.name(), (String) v, Store.YES);
            case DECIMAL, TIMESTAMP, DATE, UUID, BOOLEAN -> new StoredField(f.name(), v.toString());
        };
    }

    static Row toRow(Document doc, Dataset dataset) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : dataset.fields()) {
            IndexableField stored = doc.getField(f.name());
            values.put(f.name(), stored == null ? null : fromField(f, stored, dataset));
        }
        return Row.of(values);
    }

    private static Object fromField(Field f, IndexableField stored, Dataset dataset) {
        try {
            return decode(f.type(), stored);
        } catch (RuntimeException e) {
            throw new StoreException("Lucene index of " + dataset.ref() + ": field '" + f.name() + "' does not hold a "
                    + f.type().configName() + ": " + e.getMessage(), e);
        }
    }

    private static Object decode(FieldType type, IndexableField stored) {
        return switch (type) {
            case INTEGER -> stored.numericValue().longValue();
            case FLOAT -> stored.numericValue().doubleValue();
            case BYTES -> BytesRef.deepCopyOf(stored.binaryValue()).bytes;
            case STRING -> stored.stringValue();
            case DECIMAL -> new BigDecimal(stored.stringValue());
            case TIMESTAMP -> Instant.parse(stored.stringValue());
            case DATE -> LocalDate.parse(stored.stringValue());
            case UUID -> UUID.fromString(stored.stringValue());
            case BOOLEAN -> Boolean.parseBoolean(stored.stringValue());
        };
    }

    /** The dataset's STRING fields: what a free-text search looks in. */
    static List<String> textFields(Dataset dataset) {
        return dataset.fields().stream().filter(f -> f.type() == FieldType.STRING).map(Field::name).toList();
    }
}
