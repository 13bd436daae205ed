package dev.parley.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.parley.support.Waits;

/** What every {@link RateLimiter} adapter must do; run against each adapter. */
public abstract class RateLimiterContract {

    /** A rate no test outlives: refusals must not depend on how fast the machine runs the test. */
    private static final double ONE_PER_HOUR = 1 / 3600d;

    protected abstract RateLimiters limiters();

    private RateLimiter limiter(int burst, double perSecond) {
        return limiters().create("test", burst, perSecond);
    }

    @Test
    void aBurstPassesThenSendsAreRefused() {
        RateLimiter limiter = limiter(5, ONE_PER_HOUR);
        String user = UUID.randomUUID().toString();
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire(user)).as("send %d of the burst", i + 1).isTrue();
        }
        assertThat(limiter.tryAcquire(user)).isFalse();
    }

    @Test
    void eachUserHasABudgetOfTheirOwn() {
        RateLimiter limiter = limiter(1, ONE_PER_HOUR);
        String ann = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        assertThat(limiter.tryAcquire(ann)).isTrue();
        assertThat(limiter.tryAcquire(ann)).isFalse();
        assertThat(limiter.tryAcquire(bob)).isTrue();
    }

    @Test
    void askingWithoutWaitingDrawsFromTheSameBudget() {
        RateLimiter limiter = limiter(3, ONE_PER_HOUR);
        String user = UUID.randomUUID().toString();
        assertThat(limiter.tryAcquire(user)).isTrue();
        List<CompletableFuture<Boolean>> answers = List.of(limiter.acquire(user), limiter.acquire(user),
                limiter.acquire(user));
        // Asked at once, the answers may be taken in any order (a pooled client may send them on different
        // connections); what must hold is that the budget left (two) is spent exactly once.
        assertThat(answers).extracting(CompletableFuture::join).containsExactlyInAnyOrder(true, true, false);
    }

    @Test
    void budgetsOfDifferentNamesAreKeptApart() {
        RateLimiter logins = limiters().create("logins", 1, ONE_PER_HOUR);
        RateLimiter signups = limiters().create("signups", 1, ONE_PER_HOUR);
        String key = UUID.randomUUID().toString();
        assertThat(logins.tryAcquire(key)).isTrue();
        assertThat(logins.tryAcquire(key)).isFalse();
        assertThat(signups.tryAcquire(key)).isTrue();
    }

    @Test
    void theBudgetRefillsOverTime() {
        RateLimiter limiter = limiter(1, 20);
        String user = UUID.randomUUID().toString();
        assertThat(limiter.tryAcquire(user)).isTrue();
        // 20 a second: a token is back within 50 ms; wait for it rather than guess.
        Waits.until(() -> limiter.tryAcquire(user), "a refilled token");
    }
}
