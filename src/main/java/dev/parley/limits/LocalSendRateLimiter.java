package dev.parley.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.parley.config.ParleyConfig;
import io.quarkus.scheduler.Scheduled;

/** Embedded adapter of {@link SendRateLimiter}: one token bucket per user in this process. */
@ApplicationScoped
@jakarta.enterprise.inject.Typed(LocalSendRateLimiter.class)
public class LocalSendRateLimiter implements SendRateLimiter {

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final int burst;
    private final double perSecond;
    private final LongSupplier clock;

    @Inject
    LocalSendRateLimiter(ParleyConfig config) {
        this(config.limits().sendBurst(), config.limits().sendPerSecond(), System::nanoTime);
    }

    LocalSendRateLimiter(int burst, double perSecond, LongSupplier clock) {
        this.burst = burst;
        this.perSecond = perSecond;
        this.clock = clock;
    }

    @Override
    public boolean tryAcquire(String userId) {
        long now = clock.getAsLong();
        return buckets.computeIfAbsent(userId, id -> new TokenBucket(burst, perSecond, now)).tryTake(now);
    }

    /** A full bucket is the same as no bucket: drop those so idle users cost no memory. */
    @Scheduled(every = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetIdleUsers() {
        long now = clock.getAsLong();
        buckets.values().removeIf(bucket -> bucket.isFull(now));
    }
}
