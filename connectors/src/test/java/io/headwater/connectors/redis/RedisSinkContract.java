package io.headwater.connectors.redis;

import io.headwater.connectors.mvstore.SinkContract;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.RedisKeyspace;
import io.headwater.engine.model.RedisLayout;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.DerivedSink;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The shared sink contract on the machine's Redis, in one layout; each test under its own key
 * prefix, removed afterwards. A dataset is kept under {@code <test prefix><physical name>:}.
 */
abstract class RedisSinkContract extends SinkContract {
    protected MachineRedis redis;
    protected RedisEndpoint endpoint;

    protected abstract RedisLayout layout();

    @BeforeEach
    void connect() {
        redis = MachineRedis.open("sink-it");
        endpoint = redis.endpoint();
    }

    @AfterEach
    void removeKeys() {
        if (redis != null) {
            redis.close();
        }
    }

    protected Dataset inRedis(Dataset dataset) {
        return dataset.redisKeyspace().isPresent() ? dataset
                : dataset.withKeyspace(new RedisKeyspace(layout(), redis.prefix + dataset.physicalName() + ":"));
    }

    @Override
    protected Dataset customersDataset() {
        return inRedis(super.customersDataset());
    }

    @Override
    protected boolean holdsCompositeKeys() {
        return false;
    }

    @Override
    protected DerivedSink openSink(Dataset dataset, Flow flow) {
        return RedisSink.open(endpoint, inRedis(dataset), flow, Duration.ofSeconds(10));
    }

    @Override
    protected DatasetReader openReader(Dataset dataset) {
        return RedisReader.open(endpoint, inRedis(dataset), Duration.ofSeconds(10));
    }
}
