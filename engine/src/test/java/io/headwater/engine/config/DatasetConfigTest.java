package io.headwater.engine.config;

import static io.headwater.engine.config.ConfigFixture.BASE;
import static io.headwater.engine.config.ConfigFixture.insertAfter;
import static io.headwater.engine.config.ConfigFixture.load;
import static io.headwater.engine.config.ConfigFixture.problem;
import static io.headwater.engine.config.ConfigFixture.problems;
import static io.headwater.engine.config.ConfigFixture.withLine;
import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldTag;
import io.headwater.engine.model.FieldType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetConfigTest {
    private static final DatasetRef PG_CUSTOMERS = new DatasetRef("pg", "customers");
    private static final DatasetRef KAFKA_CUSTOMERS = new DatasetRef("kafka", "customers");

    @Test
    void readsFieldsTypesTagsAndDefaultPhysicalName() {
        Dataset customers = load(BASE).requireDataset(PG_CUSTOMERS);

        assertThat(customers.physicalName()).isEqualTo("customers");
        assertThat(customers.key()).containsExactly("id");
        assertThat(customers.fields()).containsExactly(
                new Field("id", FieldType.INTEGER),
                new Field("email", FieldType.STRING, List.of(new FieldTag("pii", "email"))),
                new Field("created_at", FieldType.TIMESTAMP));
    }

    @Test
    void readsCompositeKeyTimestampAndRetention() {
        String text = withLine(withLine(withLine(9, "        key: [id, email]"), 12,
                "          email: { type: string, tags: [pii:email, retention:30d] }"), 8, "      - id: customers\n        name: public.customers\n        timestamp: created_at");
        Dataset customers = load(text).requireDataset(PG_CUSTOMERS);

        assertThat(customers.physicalName()).isEqualTo("public.customers");
        assertThat(customers.key()).containsExactly("id", "email");
        assertThat(customers.timestamp()).contains("created_at");
        assertThat(customers.field("email").orElseThrow().retention().orElseThrow().retention()).contains(Duration.ofDays(30));
    }

    @Test
    void logDatasetInheritsKeyFieldsTagsAndTimestampFromItsCdcSource() {
        String text = withLine(8, "      - id: customers\n        timestamp: created_at");
        var pipeline = load(text);
        Dataset topic = pipeline.requireDataset(KAFKA_CUSTOMERS);
        Dataset table = pipeline.requireDataset(PG_CUSTOMERS);

        assertThat(topic.key()).isEqualTo(table.key());
        assertThat(topic.fields()).isEqualTo(table.fields());
        assertThat(topic.field("email").orElseThrow().piiCategories()).containsExactly("email");
        assertThat(topic.timestamp()).contains("created_at");
    }

    @Test
    void reportsKeyThatIsNotAField() {
        assertThat(problems(withLine(9, "        key: idd"))).containsExactly(
                problem(9, "systems[0].datasets[0].key", "'idd' is not a field of pg.customers"));
    }

    @Test
    void reportsCompositeKeyPartThatIsNotAFieldByIndex() {
        assertThat(problems(withLine(9, "        key: [id, nope]"))).containsExactly(
                problem(9, "systems[0].datasets[0].key[1]", "'nope' is not a field of pg.customers"));
    }

    @Test
    void reportsKeyFieldOfNonKeyType() {
        assertThat(problems(withLine(26, "        key: [id, email]").replace("      email: string", "      email: float"))).containsExactly(
                problem(26, "systems[2].datasets[0].key[1]", "'email' has type float, which cannot be a key: use integer, string, uuid or date"));
    }

    @Test
    void reportsMissingKeyOfRecordDataset() {
        assertThat(problems(withLine(9, "        name: customers"))).containsExactly(
                problem(8, "systems[0].datasets[0].key", "is required"));
    }

    @Test
    void reportsTimestampThatIsNotATimestamp() {
        String text = withLine(9, "        key: id\n        timestamp: email");
        assertThat(problems(text)).containsExactly(
                problem(10, "systems[0].datasets[0].timestamp", "'email' has type string: expected timestamp or date"));
    }

    @Test
    void reportsTimestampThatIsNotAField() {
        String text = withLine(9, "        key: id\n        timestamp: created");
        assertThat(problems(text)).containsExactly(
                problem(10, "systems[0].datasets[0].timestamp", "'created' is not a field of pg.customers"));
    }

    @Test
    void reportsUnknownFieldType() {
        assertThat(problems(withLine(13, "          created_at: datetime"))).containsExactly(
                problem(13, "systems[0].datasets[0].fields.created_at",
                        "'datetime' is not a type: expected one of integer, decimal, float, string, boolean, timestamp, date, uuid, bytes"));
    }

    @Test
    void reportsUnknownTypeInLongFormUnderTypeKey() {
        assertThat(problems(withLine(12, "          email: { type: text, tags: [pii:email] }"))).containsExactly(
                problem(12, "systems[0].datasets[0].fields.email.type",
                        "'text' is not a type: expected one of integer, decimal, float, string, boolean, timestamp, date, uuid, bytes"));
    }

    @Test
    void reportsUnknownTagName() {
        assertThat(problems(withLine(12, "          email: { type: string, tags: [pii:email, owner:crm] }"))).containsExactly(
                problem(12, "systems[0].datasets[0].fields.email.tags[1]", "tag 'owner:crm' is invalid: use pii:<category> or retention:<duration>"));
    }

    @Test
    void reportsRetentionThatIsNotADuration() {
        assertThat(problems(withLine(12, "          email: { type: string, tags: [retention:forever] }"))).containsExactly(
                problem(12, "systems[0].datasets[0].fields.email.tags[0]", "retention 'forever' is not a duration: use e.g. 30d, 12h, P7Y"));
    }

    @Test
    void reportsDuplicateDatasetIdAtSecondOccurrence() {
        String text = insertAfter(BASE, 19, "      - { id: customers, name: other }");
        assertThat(problems(text)).containsExactly(
                problem(20, "systems[1].datasets[1].id", "'customers' is already used by systems[1].datasets[0]"));
    }

    @Test
    void reportsDatasetIdWithDot() {
        String text = insertAfter(BASE, 19, "      - { id: customers.v2 }");
        assertThat(problems(text)).containsExactly(
                problem(20, "systems[1].datasets[1].id", "'customers.v2' is invalid: use letters, digits, '_' and '-' (no dots)"));
    }

    @Test
    void reportsLogDatasetWithoutFieldsAndWithoutCdcSource() {
        String text = insertAfter(BASE, 19, "      - { id: orphans }");
        assertThat(problems(text)).containsExactly(
                problem(20, "systems[1].datasets[1]", "declares no fields and no cdc flow writes into kafka.orphans: "
                        + "declare key and fields, or add a cdc flow from a record dataset"));
    }

    @Test
    void reportsDuplicateFieldName() {
        String text = insertAfter(BASE, 13, "          id: string");
        assertThat(problems(text)).containsExactly(
                problem(14, "systems[0].datasets[0].fields.id", "is a duplicate key"));
    }
}
