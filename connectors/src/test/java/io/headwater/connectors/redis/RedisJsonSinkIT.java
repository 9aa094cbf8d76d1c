package io.headwater.connectors.redis;

import io.headwater.engine.model.RedisLayout;

/** The sink contract with records as JSON strings. */
class RedisJsonSinkIT extends RedisSinkContract {
    @Override
    protected RedisLayout layout() {
        return RedisLayout.JSON;
    }
}
