package dev.parley.presence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import dev.parley.config.ParleyConfig;

/** Chooses the presence store for the configured mode; the other is never built. */
@ApplicationScoped
public class PresencePorts {

    @Produces
    @ApplicationScoped
    PresenceStore store(ParleyConfig config, Instance<LocalPresenceStore> local, Instance<RedisPresenceStore> redis) {
        return config.mode() == ParleyConfig.Mode.CLUSTER ? redis.get() : local.get();
    }
}
