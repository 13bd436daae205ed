package dev.parley.limits;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import io.vertx.mutiny.redis.client.Redis;

/** Cluster adapter of {@link RateLimiters}: every budget in Redis, shared by all pods. */
@ApplicationScoped
@Typed(RedisRateLimiters.class)
public class RedisRateLimiters implements RateLimiters {

    private final Redis redis;

    // Instance: the Redis client bean is inactive (unconfigured) in embedded mode, where this is never built.
    @Inject
    RedisRateLimiters(Instance<Redis> redis) {
        this(redis.get());
    }

    RedisRateLimiters(Redis redis) {
        this.redis = redis;
    }

    @Override
    public RateLimiter create(String name, int burst, double perSecond) {
        return new RedisRateLimiter(redis, name, burst, perSecond);
    }
}
