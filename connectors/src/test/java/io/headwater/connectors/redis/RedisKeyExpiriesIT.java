package io.headwater.connectors.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.connectors.SystemAdapters;
import io.headwater.connectors.audit.KeyExpiries;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.RedisKeyspace;
import io.headwater.engine.model.RedisLayout;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.SystemAdapter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The adapter's {@link KeyExpiries} capability on the machine's Redis, read by an adapter that may not write. */
class RedisKeyExpiriesIT {
    @Test
    void countsKeysWithoutExpiryAndTheLongestAndShortestTimeLeftSkippingHeadwatersOwnKeys() {
        try (MachineRedis redis = MachineRedis.open("ttl-it")) {
            String p = redis.prefix + "s:";
            for (int i = 0; i < 1500; i++) {
                redis.admin.sync().set(p + i, "x");
            }
            redis.admin.sync().pexpire(p + 1, Duration.ofMinutes(5).toMillis());
            redis.admin.sync().pexpire(p + 2, Duration.ofDays(3).toMillis());
            for (int i = 3; i < 1500; i++) {
                redis.admin.sync().pexpire(p + i, Duration.ofHours(1).toMillis());
            }
            redis.admin.sync().set(p + "__hw:checkpoint", "kafka#0=1");
            Dataset d = new Dataset(new DatasetRef("cache", "s"), "s", List.of("id"), List.of(new Field("id", FieldType.INTEGER),
                    new Field("v", FieldType.STRING)), null).withKeyspace(new RedisKeyspace(RedisLayout.STRING, p));
            SystemSpec s = MachineRedis.system(MachineRedis.ADDRESS, false);
            try (SystemAdapter adapter = SystemAdapters.open(s, new SystemAdapters.Place(null, s.connection(), Duration.ofSeconds(10)))) {
                KeyExpiries.Census census = adapter.capability(KeyExpiries.class).orElseThrow().census(d);

                assertThat(census.records()).isEqualTo(1500);
                assertThat(census.withoutExpiry()).isEqualTo(1);
                assertThat(census.longest()).hasValueSatisfying(l -> assertThat(l).isBetween(Duration.ofDays(3).minusMinutes(1), Duration.ofDays(3)));
                assertThat(census.shortest()).hasValueSatisfying(l -> assertThat(l).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(5)));
                assertThat(adapter.capability(String.class)).isEmpty();
            }
        }
    }
}
