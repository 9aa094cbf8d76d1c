package io.headwater.engine.replay;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import java.time.Instant;
import java.util.List;

/** Datasets and records the replay tests share. */
final class ReplayFixtures {
    static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    static final Dataset CUSTOMERS = new Dataset(new DatasetRef("log", "customers"), MemoryLog.TOPIC, List.of("id"),
            List.of(new Field("id", FieldType.INTEGER), new Field("name", FieldType.STRING), new Field("email", FieldType.STRING),
                    new Field("country", FieldType.STRING)), null);

    private ReplayFixtures() {
    }

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    static Row key(long id) {
        return Row.of("id", id);
    }

    static Row customer(long id, String name, String email, String country) {
        return Row.of("id", id, "name", name, "email", email, "country", country);
    }
}
