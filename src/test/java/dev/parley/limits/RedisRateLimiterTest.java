package dev.parley.limits;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.parley.support.ClusterServers;
import io.vertx.mutiny.redis.client.Redis;

/** {@link RateLimiterContract} against the Redis adapter, on a real Redis. */
@ExtendWith(ClusterServers.class)
class RedisRateLimiterTest extends RateLimiterContract {

    private final Redis redis;

    RedisRateLimiterTest(Redis redis) {
        this.redis = redis;
    }

    @Override
    protected RateLimiters limiters() {
        return new RedisRateLimiters(redis);
    }
}
