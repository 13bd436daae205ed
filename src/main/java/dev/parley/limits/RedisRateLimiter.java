package dev.parley.limits;

import java.util.concurrent.CompletableFuture;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Cluster adapter of {@link RateLimiter}: the same token bucket as the embedded one, kept in a Redis hash per key and
 * updated by one script, so a key's requests on different pods draw from one budget. The script reads Redis's
 * clock, not the pods', so pods with skewed clocks agree.
 */
final class RedisRateLimiter implements RateLimiter {

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
    private final String keyPrefix;
    private final int burst;
    private final double perSecond;

    RedisRateLimiter(Redis redis, String name, int burst, double perSecond) {
        this.redis = redis;
        this.keyPrefix = "parley:budget:" + name + ":";
        this.burst = burst;
        this.perSecond = perSecond;
    }

    @Override
    public boolean tryAcquire(String key) {
        return redis.sendAndAwait(take(key)).toInteger() == 1;
    }

    @Override
    public CompletableFuture<Boolean> acquire(String key) {
        return redis.send(take(key)).map(taken -> taken.toInteger() == 1).subscribeAsCompletionStage();
    }

    @Override
    public long secondsToNext() {
        return (long) Math.ceil(1 / perSecond);
    }

    private Request take(String key) {
        return Request.cmd(Command.EVAL).arg(TOKEN_BUCKET).arg(1).arg(keyPrefix + key).arg(burst)
                .arg(Double.toString(perSecond));
    }
}
