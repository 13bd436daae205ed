package dev.parley.auth;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.parley.config.ParleyConfig;

/** Chooses the ticket store and where the signing keys come from, for the configured mode. */
@ApplicationScoped
public class AuthPorts {

    @Produces
    @ApplicationScoped
    TicketStore tickets(ParleyConfig config, Instance<InMemoryTicketStore> memory, Instance<RedisTicketStore> redis) {
        return config.mode() == ParleyConfig.Mode.CLUSTER ? redis.get() : memory.get();
    }

    @Produces
    @ApplicationScoped
    RevokedSessions revokedSessions(ParleyConfig config, Instance<InMemoryRevokedSessions> memory,
            Instance<RedisRevokedSessions> redis) {
        return config.mode() == ParleyConfig.Mode.CLUSTER ? redis.get() : memory.get();
    }

    /** A cluster must be given its keys; a single node keeps its own in the data directory. */
    @Produces
    @Singleton
    JwtKeys keys(ParleyConfig config) {
        return config.mode() == ParleyConfig.Mode.CLUSTER ? JwtKeys.configured(config.jwt())
                : JwtKeys.configuredOrKeptIn(config.jwt(), Path.of(config.dataDir()).resolve("keys"));
    }
}
