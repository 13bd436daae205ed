package dev.parley.limits;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.parley.support.ClusterServers;
import io.vertx.mutiny.redis.client.Redis;

/** {@link SendRateLimiterContract} against the Redis adapter, on a real Redis. */
@ExtendWith(ClusterServers.class)
class RedisSendRateLimiterTest extends SendRateLimiterContract {

    private final Redis redis;

    RedisSendRateLimiterTest(Redis redis) {
        this.redis = redis;
    }

    @Override
    protected SendRateLimiter limiter(int burst, double perSecond) {
        return new RedisSendRateLimiter(redis, burst, perSecond);
    }
}
