package dev.parley.limits;

/**
 * Port: makes named budgets. Each feature makes the ones it needs once (sends per user, log-ins per address and per
 * username, ...); the name keeps their keys apart. Embedded: {@link LocalRateLimiters}; cluster:
 * {@link RedisRateLimiters}.
 */
public interface RateLimiters {

    RateLimiter create(String name, int burst, double perSecond);
}
