package io.headwater.engine.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyLiteralTest {
    private static final Dataset COMPOSITE = new Dataset(new DatasetRef("h2", "daily"), "DAILY", List.of("account", "day"),
            List.of(new Field("account", FieldType.INTEGER), new Field("day", FieldType.DATE), new Field("total", FieldType.DECIMAL)), null);
    private static final Dataset TRANSFERS = new Dataset(new DatasetRef("pg", "transfers"), "transfers", List.of("request_id"),
            List.of(new Field("request_id", FieldType.UUID)), null);

    @Test
    void aBareValueIsTheSingleKeyFieldTypedByItsType() {
        assertThat(KeyLiteral.parse(ReplayFixtures.CUSTOMERS, " 42 ")).isEqualTo(Row.of("id", 42L));
        UUID u = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
        assertThat(KeyLiteral.parse(TRANSFERS, u.toString())).isEqualTo(Row.of("request_id", u));
    }

    @Test
    void namedValuesMayComeInAnyOrderAndAreReturnedInKeyOrder() {
        assertThat(KeyLiteral.parse(ReplayFixtures.CUSTOMERS, "id=7")).isEqualTo(Row.of("id", 7L));
        Row k = KeyLiteral.parse(COMPOSITE, "day=2024-05-01, account=3");
        assertThat(k).isEqualTo(Row.of("account", 3L, "day", LocalDate.of(2024, 5, 1)));
        assertThat(k.fields()).containsExactly("account", "day");
    }

    @Test
    void badKeysAreRefusedNamingTheKeyFields() {
        assertThatThrownBy(() -> KeyLiteral.parse(ReplayFixtures.CUSTOMERS, "abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'abc' for id, which is not an integer").hasMessageContaining("id (integer)");
        assertThatThrownBy(() -> KeyLiteral.parse(ReplayFixtures.CUSTOMERS, "name=x")).hasMessageContaining("no value for key field 'id'");
        assertThatThrownBy(() -> KeyLiteral.parse(ReplayFixtures.CUSTOMERS, "id=1,name=x")).hasMessageContaining("[name], which is not");
        assertThatThrownBy(() -> KeyLiteral.parse(COMPOSITE, "3")).hasMessageContaining("composite").hasMessageContaining("account (integer), day (date)");
        assertThatThrownBy(() -> KeyLiteral.parse(COMPOSITE, "account=1,account=2,day=2024-01-01")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> KeyLiteral.parse(COMPOSITE, "account=1,day=May")).hasMessageContaining("a date");
        assertThatThrownBy(() -> KeyLiteral.parse(TRANSFERS, "nope")).hasMessageContaining("a UUID");
        assertThatThrownBy(() -> KeyLiteral.parse(ReplayFixtures.CUSTOMERS, " ")).hasMessageContaining("empty");
    }
}
