package io.headwater.connectors.redis;

import io.headwater.connectors.audit.KeyExpiries;
import io.headwater.engine.ConnectionException;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.ReadOnlyException;
import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.SystemAdapter;
import io.headwater.engine.status.DatasetStatus;
import io.headwater.engine.status.SystemStatus;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The adapter of a {@code redis} system: status (PING and each dataset's key count), a
 * {@link RedisReader} per dataset, and a {@link RedisSink} for a flow Headwater runs into a system
 * the user declared {@code writable} (on any other, {@link #sink} refuses and nothing is written).
 *
 * <p>The client is Lettuce: it resolves here, is thread-safe on one connection (Jedis needs a pool
 * per thread), pipelines the batched fetches of a scan through its async API without extra threads
 * of ours, and supports Redis 6+ ACL users, TLS and RESP3, which attached caches use.
 */
public final class RedisAdapter implements SystemAdapter {
    private final SystemSpec system;
    private final RedisEndpoint endpoint;
    private final Duration timeout;

    /** An adapter on {@code system}, reached at {@code live}; connects only when asked. */
    public RedisAdapter(SystemSpec system, Connection live, Duration timeout) {
        this.system = system;
        this.timeout = timeout;
        this.endpoint = RedisEndpoint.of(system, live, timeout);
    }

    @Override
    public SystemSpec system() {
        return system;
    }

    /** The endpoint this adapter connects through. */
    public RedisEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public SystemStatus status() {
        List<DatasetStatus> datasets = new ArrayList<>();
        try (StatefulRedisConnection<String, String> c = endpoint.connect()) {
            c.sync().ping();
        } catch (ConnectionException e) {
            return SystemStatus.unreachable(system.id(), system.kind(), system.role(), endpoint.address(), e.getMessage());
        } catch (RedisException e) {
            return SystemStatus.unreachable(system.id(), system.kind(), system.role(), endpoint.address(),
                    endpoint.unreachable(e).getMessage());
        }
        List<String> problems = new ArrayList<>();
        for (Dataset d : system.datasets()) {
            try (RedisReader reader = RedisReader.open(endpoint, d, timeout)) {
                datasets.add(DatasetStatus.sizeOnly(d.ref(), reader.countKeys()));
            } catch (HeadwaterException e) {
                datasets.add(DatasetStatus.sizeOnly(d.ref(), -1));
                problems.add(d.ref() + ": " + e.getMessage());
            }
        }
        return new SystemStatus(system.id(), system.kind(), system.role(), true, endpoint.address(), String.join("; ", problems), datasets);
    }

    @Override
    public Optional<DatasetReader> reader(Dataset dataset) {
        return Optional.of(RedisReader.open(endpoint, dataset, timeout));
    }

    /**
     * {@inheritDoc}
     *
     * @throws ReadOnlyException when the system is not declared {@code writable}
     */
    @Override
    public Optional<DerivedSink> sink(Dataset dataset, Flow flow) {
        if (!system.mayWrite()) {
            throw ReadOnlyException.refusing("keeping " + dataset.ref() + " from flow " + flow.id() + " (writing its Redis keys)", system.id());
        }
        return Optional.of(RedisSink.open(endpoint, dataset, flow, timeout));
    }

    /** {@link KeyExpiries}: the TTLs of a dataset's keys, for the retention probe. */
    @Override
    public <T> Optional<T> capability(Class<T> type) {
        return type == KeyExpiries.class ? Optional.of(type.cast(new RedisKeyExpiries(endpoint, timeout))) : Optional.empty();
    }

    /** {@inheritDoc} Releases the Lettuce client and its event loops. */
    @Override
    public void close() {
        endpoint.close();
    }
}
