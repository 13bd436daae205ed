package dev.parley.limits;

import io.vertx.mutiny.redis.client.Redis;

/** Lets the cluster contract test build a {@link RedisSendRateLimiter} with its own budget. */
public final class RedisSendRateLimiterAccess {
    private RedisSendRateLimiterAccess() {
    }

    public static SendRateLimiter create(Redis redis, int burst, int perSecond) {
        return new RedisSendRateLimiter(redis, burst, perSecond);
    }
}
