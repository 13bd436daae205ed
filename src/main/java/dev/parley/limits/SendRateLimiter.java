package dev.parley.limits;

import java.util.concurrent.CompletableFuture;

/**
 * Port: how many messages each user may send, across all their connections (a token bucket: a burst, then a
 * sustained rate). Embedded: counted in this process. Cluster: counted in Redis, so every pod sees one budget.
 */
public interface SendRateLimiter {

    /** Takes one send from the user's budget; false when the budget is spent and the send must be refused. */
    boolean tryAcquire(String userId);

    /**
     * The same without waiting (the hot path): completes with the answer; where the budget is kept remotely, on the
     * client's I/O thread, so callers hand blocking work elsewhere.
     */
    default CompletableFuture<Boolean> acquire(String userId) {
        try {
            return CompletableFuture.completedFuture(tryAcquire(userId));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
