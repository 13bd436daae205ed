package dev.parley.limits;

/**
 * Port: how many messages each user may send, across all their connections (a token bucket: a burst, then a
 * sustained rate). Embedded: counted in this process. Cluster: counted in Redis, so every pod sees one budget.
 */
public interface SendRateLimiter {

    /** Takes one send from the user's budget; false when the budget is spent and the send must be refused. */
    boolean tryAcquire(String userId);
}
