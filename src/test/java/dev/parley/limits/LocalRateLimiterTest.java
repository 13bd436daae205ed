package dev.parley.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class LocalRateLimiterTest extends RateLimiterContract {

    @Override
    protected RateLimiters limiters() {
        return new LocalRateLimiters();
    }

    @Test
    void refillsAtTheConfiguredRateAndNeverBeyondTheBurst() {
        AtomicLong now = new AtomicLong();
        LocalRateLimiters limiters = new LocalRateLimiters(now::get);
        RateLimiter limiter = limiters.create("send", 50, 20);
        for (int i = 0; i < 50; i++) {
            assertThat(limiter.tryAcquire("u")).isTrue();
        }
        assertThat(limiter.tryAcquire("u")).isFalse();
        now.addAndGet(1_000_000_000L); // one second: 20 tokens
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.tryAcquire("u")).isTrue();
        }
        assertThat(limiter.tryAcquire("u")).isFalse();
        now.addAndGet(60_000_000_000L); // a minute idle refills to the burst, not beyond
        limiters.forgetIdleKeys();
        int passed = 0;
        while (limiter.tryAcquire("u")) {
            passed++;
        }
        assertThat(passed).isEqualTo(50);
    }
}
