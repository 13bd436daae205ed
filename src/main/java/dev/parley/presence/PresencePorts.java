package dev.parley.presence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import dev.parley.config.ParleyConfig;

/** Chooses the presence store for the configured mode. */
@ApplicationScoped
public class PresencePorts {

    private final boolean cluster;
    private final Instance<LocalPresenceStore> local;
    private final Instance<RedisPresenceStore> redis;

    PresencePorts(ParleyConfig config, Instance<LocalPresenceStore> local, Instance<RedisPresenceStore> redis) {
        this.cluster = config.mode() == ParleyConfig.Mode.CLUSTER;
        this.local = local;
        this.redis = redis;
    }

    public PresenceStore store() {
        return cluster ? redis.get() : local.get();
    }
}
