package dev.parley.limits;

import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import dev.parley.config.ParleyConfig;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Cluster adapter of {@link SendRateLimiter}: the same token bucket as the embedded one, kept in a Redis hash and
 * updated by one script, so a user's connections on different pods draw from one budget. The script reads Redis's
 * clock, not the pods', so pods with skewed clocks agree.
 */
@ApplicationScoped
@Typed(RedisSendRateLimiter.class)
public class RedisSendRateLimiter implements SendRateLimiter {

    private static final String KEY = "parley:sendbudget:";
    private static final String TOKEN_BUCKET = """
            local capacity = tonumber(ARGV[1])
            local per_ms = tonumber(ARGV[2]) / 1000
            local clock = redis.call('TIME')
            local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1]) or capacity
            local at = tonumber(state[2]) or now
            tokens = math.min(capacity, tokens + math.max(0, now - at) * per_ms)
            local allowed = 0
            if tokens >= 1 then
              tokens = tokens - 1
              allowed = 1
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
            redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / per_ms) + 1000)
            return allowed
            """;

    private final Redis redis;
    private final int burst;
    private final double perSecond;

    // Instance: the Redis client bean is inactive (unconfigured) in embedded mode, where this is never built.
    @Inject
    RedisSendRateLimiter(Instance<Redis> redis, ParleyConfig config) {
        this(redis.get(), config.limits().sendBurst(), config.limits().sendPerSecond());
    }

    RedisSendRateLimiter(Redis redis, int burst, double perSecond) {
        this.redis = redis;
        this.burst = burst;
        this.perSecond = perSecond;
    }

    @Override
    public boolean tryAcquire(String userId) {
        return redis.sendAndAwait(take(userId)).toInteger() == 1;
    }

    @Override
    public CompletableFuture<Boolean> acquire(String userId) {
        return redis.send(take(userId)).map(taken -> taken.toInteger() == 1).subscribeAsCompletionStage();
    }

    private Request take(String userId) {
        return Request.cmd(Command.EVAL).arg(TOKEN_BUCKET).arg(1).arg(KEY + userId).arg(burst).arg(Double.toString(perSecond));
    }
}
