package io.headwater.connectors.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.RedisKeyspace;
import io.headwater.engine.model.RedisLayout;
import io.headwater.engine.model.Row;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How {@link RedisRecords} turns Redis keys and values into typed rows, without a server. */
class RedisRecordsTest {
    private static Dataset dataset(RedisLayout layout, String prefix, FieldType keyType, Field... values) {
        List<Field> fields = new java.util.ArrayList<>(List.of(new Field("id", keyType)));
        fields.addAll(List.of(values));
        return new Dataset(new DatasetRef("cache", "d"), "d", List.of("id"), fields, null, null, new RedisKeyspace(layout, prefix));
    }

    @Test
    void thePatternEscapesGlobCharactersOfThePrefix() {
        RedisRecords r = new RedisRecords(dataset(RedisLayout.HASH, "a*b?[c]\\:", FieldType.STRING), "h:1");

        assertThat(r.pattern()).isEqualTo("a\\*b\\?\\[c\\]\\\\:*");
    }

    @Test
    void theRecordKeyIsTheRestOfTheRedisKeyReadAsTheKeyType() {
        UUID id = UUID.randomUUID();
        assertThat(new RedisRecords(dataset(RedisLayout.HASH, "c:", FieldType.INTEGER), "h:1").recordKey("c:-42")).isEqualTo(-42L);
        assertThat(new RedisRecords(dataset(RedisLayout.HASH, "c:", FieldType.UUID), "h:1").recordKey("c:" + id)).isEqualTo(id);
        assertThat(new RedisRecords(dataset(RedisLayout.HASH, "c:", FieldType.DATE), "h:1").recordKey("c:2024-02-29"))
                .isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(new RedisRecords(dataset(RedisLayout.HASH, "c:", FieldType.STRING), "h:1").recordKey("c:a:b")).isEqualTo("a:b");
    }

    @Test
    void aKeyThatIsNotOfTheKeyTypeIsAStoreErrorNamingTheKeyAndAddress() {
        RedisRecords r = new RedisRecords(dataset(RedisLayout.HASH, "c:", FieldType.INTEGER), "h:1");

        assertThatThrownBy(() -> r.recordKey("c:abc")).isInstanceOf(StoreException.class)
                .hasMessageContaining("'c:abc'").hasMessageContaining("cache.d").hasMessageContaining("h:1").hasMessageContaining("integer");
    }

    @Test
    void theRedisKeyOfALookupIsThePrefixAndTheKeyText() {
        RedisRecords r = new RedisRecords(dataset(RedisLayout.HASH, "c:", FieldType.INTEGER), "h:1");

        assertThat(r.redisKey(Row.of("id", 7L))).isEqualTo("c:7");
        assertThat(r.redisKey(Row.of("id", 7))).isEqualTo("c:7");
    }

    @Test
    void aHashFieldThatIsNotOfItsTypeIsAStoreErrorNamingTheField() {
        RedisRecords r = new RedisRecords(dataset(RedisLayout.HASH, "c:", FieldType.INTEGER, new Field("n", FieldType.DECIMAL)), "h:1");

        assertThat(r.fromHash("c:1", Map.of("n", "1.50"))).isEqualTo(Row.of("id", 1L, "n", new BigDecimal("1.50")));
        assertThatThrownBy(() -> r.fromHash("c:1", Map.of("n", "lots"))).isInstanceOf(StoreException.class)
                .hasMessageContaining("field 'n'").hasMessageContaining("decimal");
    }

    @Test
    void aJsonValueThatIsNotAnObjectIsAStoreError() {
        RedisRecords r = new RedisRecords(dataset(RedisLayout.JSON, "c:", FieldType.INTEGER, new Field("n", FieldType.INTEGER)), "h:1");

        assertThatThrownBy(() -> r.fromString("c:1", "[1]")).isInstanceOf(StoreException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> r.fromString("c:1", "{nope")).isInstanceOf(StoreException.class).hasMessageContaining("not JSON");
    }

    @Test
    void theStringLayoutNeedsExactlyOneFieldBesidesTheKeyAndACompositeKeyIsRefused() {
        assertThatThrownBy(() -> new RedisRecords(dataset(RedisLayout.STRING, "c:", FieldType.INTEGER,
                new Field("a", FieldType.STRING), new Field("b", FieldType.STRING)), "h:1"))
                .isInstanceOf(HeadwaterException.class).hasMessageContaining("layout string").hasMessageContaining("[a, b]");
        Dataset composite = new Dataset(new DatasetRef("cache", "d"), "d", List.of("a", "b"),
                List.of(new Field("a", FieldType.STRING), new Field("b", FieldType.STRING)), null, null,
                new RedisKeyspace(RedisLayout.HASH, "c:"));
        assertThatThrownBy(() -> new RedisRecords(composite, "h:1")).isInstanceOf(HeadwaterException.class).hasMessageContaining("composite key");
    }
}
