package dev.parley.limits;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import io.quarkus.scheduler.Scheduled;

/** Embedded adapter of {@link RateLimiters}: budgets in this process, their idle keys forgotten every minute. */
@ApplicationScoped
@Typed(LocalRateLimiters.class)
public class LocalRateLimiters implements RateLimiters {

    private final List<LocalRateLimiter> made = new CopyOnWriteArrayList<>();
    private final LongSupplier clock;

    LocalRateLimiters() {
        this(System::nanoTime);
    }

    LocalRateLimiters(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public RateLimiter create(String name, int burst, double perSecond) {
        LocalRateLimiter limiter = new LocalRateLimiter(burst, perSecond, clock);
        made.add(limiter);
        return limiter;
    }

    @Scheduled(every = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetIdleKeys() {
        made.forEach(LocalRateLimiter::forgetIdle);
    }
}
