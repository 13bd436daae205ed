package dev.parley.limits;

import java.util.concurrent.CompletableFuture;

/**
 * A token-bucket budget per key (a user, a client address, a username): a burst, then a sustained rate. Made by
 * {@link RateLimiters}: counted in this process (embedded) or in Redis, so that every pod sees one budget (cluster).
 */
public interface RateLimiter {

    /** Takes one from the key's budget; false when the budget is spent and the request must be refused. */
    boolean tryAcquire(String key);

    /**
     * The same without waiting (the hot path): completes with the answer; where the budget is kept remotely, on the
     * client's I/O thread, so callers hand blocking work elsewhere.
     */
    default CompletableFuture<Boolean> acquire(String key) {
        try {
            return CompletableFuture.completedFuture(tryAcquire(key));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Whole seconds until a spent budget has one again: what a refusal's Retry-After says. */
    long secondsToNext();
}
