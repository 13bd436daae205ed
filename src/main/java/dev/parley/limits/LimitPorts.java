package dev.parley.limits;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import dev.parley.config.ParleyConfig;

/** Chooses the rate limiter for the configured mode. */
@ApplicationScoped
public class LimitPorts {

    @Produces
    @ApplicationScoped
    SendRateLimiter limiter(ParleyConfig config, Instance<LocalSendRateLimiter> local, Instance<RedisSendRateLimiter> redis) {
        return config.mode() == ParleyConfig.Mode.CLUSTER ? redis.get() : local.get();
    }
}
