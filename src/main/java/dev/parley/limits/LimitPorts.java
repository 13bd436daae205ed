package dev.parley.limits;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import dev.parley.config.ParleyConfig;

/** Chooses where budgets are kept for the configured mode. */
@ApplicationScoped
public class LimitPorts {

    @Produces
    @ApplicationScoped
    RateLimiters limiters(ParleyConfig config, Instance<LocalRateLimiters> local, Instance<RedisRateLimiters> redis) {
        return config.mode() == ParleyConfig.Mode.CLUSTER ? redis.get() : local.get();
    }
}
