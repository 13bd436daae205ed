package dev.parley.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class LocalSendRateLimiterTest extends SendRateLimiterContract {

    @Override
    protected SendRateLimiter limiter(int burst, double perSecond) {
        return new LocalSendRateLimiter(burst, perSecond, System::nanoTime);
    }

    @Test
    void refillsAtTheConfiguredRateAndNeverBeyondTheBurst() {
        AtomicLong now = new AtomicLong();
        LocalSendRateLimiter limiter = new LocalSendRateLimiter(50, 20, now::get);
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
        limiter.forgetIdleUsers();
        int passed = 0;
        while (limiter.tryAcquire("u")) {
            passed++;
        }
        assertThat(passed).isEqualTo(50);
    }
}
