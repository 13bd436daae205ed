package dev.parley.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Embedded adapter of {@link RateLimiter}: one token bucket per key in this process. */
final class LocalRateLimiter implements RateLimiter {

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final int burst;
    private final double perSecond;
    private final LongSupplier clock;

    LocalRateLimiter(int burst, double perSecond, LongSupplier clock) {
        this.burst = burst;
        this.perSecond = perSecond;
        this.clock = clock;
    }

    @Override
    public boolean tryAcquire(String key) {
        long now = clock.getAsLong();
        return buckets.computeIfAbsent(key, k -> new TokenBucket(burst, perSecond, now)).tryTake(now);
    }

    @Override
    public long secondsToNext() {
        return (long) Math.ceil(1 / perSecond);
    }

    /** A full bucket is the same as no bucket: drop those so idle keys cost no memory. */
    void forgetIdle() {
        long now = clock.getAsLong();
        buckets.values().removeIf(bucket -> bucket.isFull(now));
    }
}
